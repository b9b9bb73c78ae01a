"""The reading step: judge each candidate sentence against the question as a reader would.

Between retrieval and composition: `question` says what is asked for, `mentions` what a
sentence holds (names, dates, amounts), `features` measures each candidate, `model` turns the
features into P(this sentence answers), and `direct` writes the answer up front or says what
is missing.
"""
