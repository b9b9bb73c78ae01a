"""Answering questions without a model: the extractive answerer, question types, follow-ups,
questions about the articles themselves, and the refusal calibration."""
