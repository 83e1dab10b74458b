"""CC-CEDICT's SQLite index: look-ups, regional marks, and rebuilding when the source or the file changes."""

import gzip
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.io.cedict.dictionary import Cedict, Xref, build_index, parse_definitions, parse_sense

PROJECT = Path(__file__).resolve().parents[2]

FAKE_LINES = [
    "# CC-CEDICT",
    "#! version=1",
    "銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/",
    "普丁 普丁 [Pu3 ding1] /(Tw) Vladimir Putin/",
    "垃圾 垃圾 [la1 ji1] /trash/garbage/Taiwan pr. [le4 se4]/",
    "五號電池 五号电池 [wu3 hao4 dian4 chi2] /AA battery (PRC)/Taiwan equivalent: 三號電池|三号电池[san1 hao4 dian4 chi2]/",
]


def write_source(path: Path, lines, truncate_to: int | None = None) -> Path:
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path.write_bytes(data if truncate_to is None else data[:truncate_to])
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or "-journal" in p.name)


@pytest.fixture(scope="module")
def cedict(tmp_path_factory):
    dictionary = Cedict(tmp_path_factory.mktemp("cedict-cache"))
    assert not dictionary.ready
    dictionary.ensure()
    yield dictionary
    dictionary.close()


# --- the real dictionary --------------------------------------------------------------------


def test_the_real_index_is_ready_and_knows_its_source(cedict):
    assert cedict.ready
    assert cedict.path.name.startswith("cedict-") and cedict.path.suffix == ".sqlite3"
    meta = cedict.meta()
    assert int(meta["entries"]) > 100_000
    assert len(meta["source_sha256"]) == 64
    assert int(meta["source_size"]) == cedict.source.stat().st_size


def test_proper_names_read_again_from_the_cache_are_the_same_and_share_their_patterns(cedict):
    names = cedict.proper_names()
    assert names["普丁"] == (True, False) and names["阿拉斯加"] == (True, False, False, False)
    again = Cedict(cedict.path.parent).proper_names()  # from the saved file this time
    assert again == names and again is not names
    for table in (names, again):  # one tuple per capital pattern, not one per name
        assert len({id(pattern) for pattern in table.values()}) == len(set(table.values())) < 1000


def test_lookup_by_traditional_and_simplified(cedict):
    trad, simp = cedict.lookup("銀行"), cedict.lookup("银行")
    assert trad == simp
    (entry,) = trad
    assert (entry.traditional, entry.simplified) == ("銀行", "银行")
    assert entry.pinyin == "yin2 hang2" and entry.pinyin_marks == "yín háng"
    assert entry.senses[0] == "bank"
    assert len(entry.sense_marks) == len(entry.senses)
    assert cedict.lookup("銀行銀行") == [] and cedict.lookup("") == []


def test_traditional_spelling_comes_before_variants_that_simplify_to_it(cedict):
    entries = cedict.lookup("和")
    assert entries[0].traditional == "和"
    assert {e.traditional for e in entries} >= {"和", "龢"}
    assert [e.traditional == "和" for e in entries] == sorted((e.traditional == "和" for e in entries), reverse=True)


def test_putin_taiwan_form_carries_its_tw_mark(cedict):
    (entry,) = cedict.lookup("普丁")
    assert entry.pinyin == "Pu3 ding1" and entry.pinyin_marks == "Pǔ dīng"
    assert entry.regions == ("TW",)
    assert entry.sense_marks[0].regions == ("TW",)
    assert "Vladimir Putin" in entry.senses[0]


def test_taiwan_pronunciation_is_kept_apart_from_the_senses(cedict):
    (entry,) = cedict.lookup("垃圾")
    assert entry.pinyin_marks == "lā jī"
    assert entry.taiwan_pinyin == "le4 se4" and entry.taiwan_pinyin_marks == "lè sè"
    assert "garbage" in entry.senses
    assert not any("Taiwan pr." in sense for sense in entry.senses)


def test_taiwan_pronunciation_of_one_sense_stays_with_that_sense(cedict):
    (entry,) = [e for e in cedict.lookup("聽") if e.pinyin == "ting1"]
    assert entry.taiwan_pinyin == ""
    marked = [sense for sense, marks in zip(entry.senses, entry.sense_marks) if marks.taiwan_pinyin == "ting4"]
    assert marked and all("Taiwan pr." in sense for sense in marked)
    assert len(marked) < len(entry.senses)


def test_prc_entry_and_its_taiwan_equivalent(cedict):
    (entry,) = cedict.lookup("五號電池")
    assert entry.regions == ("CN",)
    assert Xref("TW", "三號電池", "三号电池", "san1 hao4 dian4 chi2", "sān hào diàn chí") in entry.equivalents
    assert not any("equivalent" in sense for sense in entry.senses)


def test_regions_per_sense_when_senses_differ(cedict):
    (entry,) = cedict.lookup("出租汽車")
    assert entry.regions == ()
    assert set(entry.all_regions) == {"CN", "TW"}
    by_sense = dict(zip(entry.senses, entry.sense_marks))
    assert by_sense["cab (PRC)"].regions == ("CN",)
    assert by_sense["hire car (Tw)"].regions == ("TW",)


def test_longest_at_gives_longest_first_down_to_the_single_character(cedict):
    found = cedict.longest_at("阿拉斯加州的音樂會", 0)
    words = [e.traditional for e in found]
    assert words[0] == "阿拉斯加州"
    assert words.index("阿拉斯加") < words.index("阿拉") < words.index("阿")
    assert words[-1] == "阿"
    lengths = [len(w) for w in words]
    assert lengths == sorted(lengths, reverse=True)

    court = [e.traditional for e in cedict.longest_at("國際刑事法院", 0)]
    assert court[0] == "國際" and court[-1] == "國"
    criminal = [e.traditional for e in cedict.longest_at("國際刑事法院", 2)]
    assert criminal[0] == "刑事法院" and criminal.index("刑事") < criminal.index("刑")


def test_longest_at_respects_max_len_and_bounds(cedict):
    assert {len(e.traditional) for e in cedict.longest_at("阿拉斯加州", 0, max_len=2)} == {1, 2}
    assert cedict.longest_at("阿拉", 5) == [] and cedict.longest_at("阿拉", -1) == []
    # Simplified text finds the same entries as Traditional.
    assert [e.traditional for e in cedict.longest_at("国际刑事法院", 0)][0] == "國際"


def test_has_word(cedict):
    assert cedict.has_word("銀行") and cedict.has_word("银行")
    assert not cedict.has_word("銀行銀行") and not cedict.has_word("")


def test_lookups_from_several_threads_then_close(cedict):
    results, errors = [], []

    def worker():
        try:
            for _ in range(200):
                results.append(len(cedict.lookup("銀行")))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    worker()
    for t in threads:
        t.join()
    assert errors == [] and set(results) == {1} and len(results) == 1000
    cedict.close()
    assert cedict.has_word("普丁")  # a closed object reopens on the next look-up


# --- parsing the marks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sense, regions",
    [
        ("(Tw) Vladimir Putin", ("TW",)),
        ("band-aid (Tw)", ("TW",)),
        ("(slang) (Tw) to steal", ("TW",)),
        ("(Tw, jocular) something", ("TW",)),
        ("taxi (HK, Tw)", ("HK", "TW")),
        ("State Council (PRC)", ("CN",)),
        ("term (PRC usage)", ("CN",)),
        ("(PRC law) a statute", ()),
        ("(HK dialect) a word", ()),
        ("Department of Transportation; (PRC) Ministry of Transport", ("CN",)),
    ],
)
def test_region_marks_in_a_sense(sense, regions):
    assert parse_sense(sense).regions == regions


def test_taiwan_pronunciation_variants():
    assert parse_sense("with (Taiwan pr. [han4])").taiwan_pinyin == "han4"
    assert parse_sense("speaking softly (Taiwan pr. for this sense is [yu2 yu2])").taiwan_pinyin_marks == "yú yú"
    assert parse_sense("Taiwan pr. used in 夾生|夹生[jia1 sheng1]").taiwan_pinyin == ""
    both = parse_sense("(Tw) (Taiwan pr. [zai3 ju4]) a device")
    assert both.regions == ("TW",) and both.taiwan_pinyin == "zai3 ju4"
    whole = parse_definitions(["near", "Taiwan pr. [pang2], [bang1], [bang4]"])
    assert whole.senses == ("near",)
    assert whole.taiwan_pinyin == "pang2, bang1, bang4" and whole.taiwan_pinyin_marks == "páng, bāng, bàng"


def test_equivalent_variants():
    inner = parse_sense("AA battery (Tw) (PRC equivalent: 五號電池|五号电池[wu3 hao4 dian4 chi2])")
    assert inner.regions == ("TW",)
    assert inner.equivalents == (Xref("CN", "五號電池", "五号电池", "wu3 hao4 dian4 chi2", "wǔ hào diàn chí"),)
    # "Taiwan equivalent of X": this word is Taiwan's, X the mainland's.
    bush = parse_sense("Taiwan equivalent of 布什[Bu4 shi2]")
    assert bush.regions == ("TW",) and bush.equivalents == (Xref("CN", "布什", "布什", "Bu4 shi2", "Bù shí"),)
    whole = parse_definitions(["nanosecond (PRC)", "Taiwan equivalent: 奈秒[nai4 miao3]"])
    assert whole.senses == ("nanosecond (PRC)",) and whole.regions == ("CN",)
    assert whole.equivalents == (Xref("TW", "奈秒", "奈秒", "nai4 miao3", "nài miǎo"),)


# --- building, staleness, corruption --------------------------------------------------------


def test_ready_never_builds(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    dictionary = Cedict(tmp_path / "cache", source)
    assert not dictionary.ready
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_fake_source_builds_and_first_lookup_ensures(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    dictionary = Cedict(tmp_path / "cache", source)
    assert dictionary.lookup("普丁")[0].regions == ("TW",)  # built on first use
    assert dictionary.ready
    assert int(dictionary.meta()["entries"]) == 4


def test_rebuild_when_the_source_changes(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    first = Cedict(tmp_path / "cache", source)
    first.ensure()
    assert first.lookup("銀行")[0].senses[0] == "bank"
    assert not first.has_word("雅爾達")

    changed = [line.replace("/bank/", "/bank; financial institution/") for line in FAKE_LINES]
    write_source(source, changed + ["雅爾達 雅尔达 [Ya3 er3 da2] /(Tw) Yalta/"])
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert not first.ready
    first.ensure()
    assert first.ready
    assert first.lookup("銀行")[0].senses[0] == "bank; financial institution"
    assert first.lookup("雅尔达")[0].regions == ("TW",)
    assert Cedict(tmp_path / "cache", source).has_word("雅爾達")


def test_touched_but_unchanged_source_is_not_rebuilt(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    built_at = dictionary.meta()["built_at"]
    inode = dictionary.path.stat().st_ino
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert not dictionary.ready
    dictionary.ensure()
    assert dictionary.ready
    assert dictionary.path.stat().st_ino == inode and dictionary.meta()["built_at"] == built_at


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_index_is_replaced(tmp_path, damage):
    source = write_source(
        tmp_path / "fake.txt.gz", FAKE_LINES * 1 + [f"詞{i} 词{i} [ci2] /word {i}/" for i in range(3000)]
    )
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    dictionary.close()
    good = dictionary.path.read_bytes()
    if damage == "garbage":
        dictionary.path.write_bytes(b"this is not a database at all " * 1000)
    elif damage == "truncated":
        dictionary.path.write_bytes(good[: len(good) // 3])
    else:
        dictionary.path.write_bytes(b"")

    fresh = Cedict(tmp_path / "cache", source)
    assert not fresh.ready
    fresh.ensure()
    assert fresh.ready
    assert fresh.lookup("銀行")[0].pinyin == "yin2 hang2"
    assert fresh.has_word("詞2999")
    assert leftovers(tmp_path / "cache") == []


def test_a_failed_build_leaves_nothing_half_written(tmp_path):
    lines = FAKE_LINES + [f"詞{i} 词{i} [ci2] /word {i}/" for i in range(20000)]
    full = gzip.compress(("\n".join(lines) + "\n").encode())
    source = tmp_path / "broken.txt.gz"
    source.write_bytes(full[: len(full) // 2])  # the gzip stream breaks off mid-file
    dictionary = Cedict(tmp_path / "cache", source)
    with pytest.raises((EOFError, OSError)):
        dictionary.ensure()
    assert list((tmp_path / "cache").iterdir()) == []
    assert not dictionary.ready


def test_a_failed_rebuild_keeps_the_previous_index(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    old_sha = dictionary.meta()["source_sha256"]
    dictionary.close()

    lines = FAKE_LINES + [f"詞{i} 词{i} [ci2] /word {i}/" for i in range(20000)]
    full = gzip.compress(("\n".join(lines) + "\n").encode())
    source.write_bytes(full[: len(full) // 2])
    with pytest.raises((EOFError, OSError)):
        Cedict(tmp_path / "cache", source).ensure()
    assert leftovers(tmp_path / "cache") == []
    with sqlite3.connect(dictionary.path) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        assert meta["source_sha256"] == old_sha
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 4


def test_malformed_lines_are_skipped_not_fatal(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES[:3] + ["", "   "] + FAKE_LINES[3:])
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    assert int(dictionary.meta()["entries"]) == 4


def test_two_objects_on_one_folder(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    a, b = Cedict(tmp_path / "cache", source), Cedict(tmp_path / "cache", source)
    assert a.path == b.path
    threads = [threading.Thread(target=x.ensure) for x in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert a.lookup("普丁") == b.lookup("普丁") != []

    # b rebuilds for a changed source; a, still holding a connection to the old file, sees the
    # new one after its own ensure().
    write_source(source, FAKE_LINES + ["雅爾達 雅尔达 [Ya3 er3 da2] /(Tw) Yalta/"])
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    b.ensure()
    assert b.has_word("雅爾達")
    a.ensure()
    assert a.has_word("雅爾達")


def test_two_different_sources_do_not_share_a_file(tmp_path):
    one = write_source(tmp_path / "one.txt.gz", FAKE_LINES)
    two = write_source(tmp_path / "two.txt.gz", FAKE_LINES[:3])
    assert Cedict(tmp_path / "cache", one).path != Cedict(tmp_path / "cache", two).path


def test_two_processes_building_at_once_leave_a_sound_index(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES + [f"詞{i} 词{i} [ci2] /word {i}/" for i in range(5000)])
    target = tmp_path / "cache" / "cedict-test.sqlite3"
    code = (
        "import sys; from pathlib import Path; from app.io.cedict.dictionary import build_index\n"
        "for _ in range(8): build_index(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(source), str(target)], cwd=PROJECT, env=env) for _ in range(2)
    ]
    for _ in range(8):
        build_index(source, target)
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert leftovers(target.parent) == []
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 5004


# --- look-up by pinyin ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["yinhang", "yin hang", "Yin Hang", "yin2hang2", "yin2 hang2", "yín háng", "yínháng", "YÍNHÁNG"]
)
def test_pinyin_lookup_with_and_without_tones(cedict, query):
    assert (cedict.lookup_pinyin(query)[0].traditional, cedict.lookup_pinyin(query)[0].simplified) == ("銀行", "银行")


def test_pinyin_lookup_with_tones_matches_those_tones_only(cedict):
    assert "銀行" not in [e.traditional for e in cedict.lookup_pinyin("yin2hang4")]
    assert "印航" in [e.traditional for e in cedict.lookup_pinyin("yinhang")]  # Yìn háng, capitalised
    assert [e.traditional for e in cedict.lookup_pinyin("yinhang")][0] == "銀行"  # common words first


@pytest.mark.parametrize("query", ["nv3", "nü3", "nu:3", "NÜ3", "nǚ"])
def test_pinyin_lookup_reads_u_umlaut_written_any_way(cedict, query):
    assert "女" in [e.traditional for e in cedict.lookup_pinyin(query)]


def test_pinyin_lookup_knows_taiwan_readings_and_syllable_breaks(cedict):
    assert "垃圾" in [e.traditional for e in cedict.lookup_pinyin("le4se4")]  # Taiwan pr.
    assert "西安" in [e.traditional for e in cedict.lookup_pinyin("Xī'ān")]


def test_pinyin_lookup_is_bounded_and_ignores_what_is_not_pinyin(cedict):
    assert len(cedict.lookup_pinyin("shi", limit=10)) == 10
    assert cedict.lookup_pinyin("") == [] and cedict.lookup_pinyin("  ") == []
    assert cedict.lookup_pinyin("銀行") == []


def test_an_index_of_the_previous_schema_is_rebuilt_with_readings(tmp_path):
    source = write_source(tmp_path / "src.txt.gz", FAKE_LINES)
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    dictionary.close()
    # An old file in the new file's place (as a copied cache would be): version 1, no readings.
    conn = sqlite3.connect(dictionary.path)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.execute("DROP TABLE readings")
    conn.commit()
    conn.close()
    again = Cedict(tmp_path / "cache", source)
    assert not again.ready
    assert [e.traditional for e in again.lookup_pinyin("yinhang")] == ["銀行"]
    again.close()


def test_english_search_finds_whole_words_best_answers_first(cedict):
    found = cedict.lookup_english("bank", 500, frequency=lambda word: 6.0 if word == "銀行" else 1.0)
    words = [entry.traditional for entry in found]
    assert words[0] == "銀行" and "河岸" in words  # "bank" itself, the common word first; "river bank" later
    assert words.index("銀行") < words.index("河岸")
    assert "破產" not in words  # "bankrupt" is not "bank"
    assert cedict.lookup_english("b") == [] and cedict.lookup_english("銀行") == []


def test_an_hour_old_unfinished_build_is_cleared_when_the_index_is_opened(tmp_path):
    source = write_source(tmp_path / "fake.txt.gz", FAKE_LINES)
    Cedict(tmp_path / "cache", source).ensure()
    (index,) = (tmp_path / "cache").glob("cedict-*.sqlite3")
    old, fresh = (index.with_name(f".{index.name}.{tag}.part") for tag in ("old", "fresh"))
    for part in (old, fresh):
        part.write_bytes(b"\0" * 4096)
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))  # a session killed mid-build, long ago
    dictionary = Cedict(tmp_path / "cache", source)
    dictionary.ensure()
    assert dictionary.lookup("普丁")
    assert leftovers(tmp_path / "cache") == [fresh.name]  # another process may be building that one now
