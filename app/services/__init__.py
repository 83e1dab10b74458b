"""What both front ends call: the context, documents, library, study, notes and checks; no Qt."""
