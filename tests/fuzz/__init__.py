"""The conversation fuzzer: a developer tool, never imported by the assistant."""
