"""The records the engine returns and every renderer (terminal, JSON, Discord, Slack) reads.

Import them from here (`from bot.records import Answer`); the modules below only group them.
"""

from bot.records.answers import (
    Answer,
    Citation,
    Claim,
    IngestedArticle,
    IngestReport,
    Quote,
    SourceInfo,
    Summary,
    Turn,
)
from bot.records.comparison import Comparison, Contrast, Fact, Rewording
from bot.records.timeline import Event, Timeline

__all__ = [
    "Answer",
    "Citation",
    "Claim",
    "Comparison",
    "Contrast",
    "Event",
    "Fact",
    "IngestReport",
    "IngestedArticle",
    "Quote",
    "Rewording",
    "SourceInfo",
    "Summary",
    "Timeline",
    "Turn",
]
