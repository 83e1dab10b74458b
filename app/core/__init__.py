"""Pure-Python core: text model, segmentation, readings, script conversion. Never imports Qt."""
