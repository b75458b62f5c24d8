"""The conversation fuzzer (issue 14): a developer tool, never imported by the assistant."""
