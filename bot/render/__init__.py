"""Rendering of engine records: terminal text here; Discord and Slack in their adapters."""
