"""Text analysis: sentences, chunks, terms, dates, quantities, differences and alignment."""
