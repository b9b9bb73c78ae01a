"""Hand-checked alignment of the story's two versions, for measuring `index.text.alignment`.

Read from ../shared/stories/ sentence by sentence (numbers as `storybot quote` shows them):
the reworded version 001 keeps the CNN original's sentences one for one and in order, so
sentence n of 000 corresponds to sentence n of 001 for every n from 1 to 18. Checked by reading
each pair; the ones worth a second look:

- 2: “It is not 100% finished” / “It’s not 100 percent finished” (same quote, other spelling).
- 4: a direct quote (“It is very case-by-case”) / a paraphrase (“evaluated on a case-by-case
  basis”): the same statement.
- 5: “The official said this is part of the overall relationship …” / “He said this is part of
  the general relationship …”.
- 6: “a whole lot of difference pieces in our relationship” / “many differences in our
  relationship”: the same sentence, worded so the meaning shifts (a WORDED_DIFFERENTLY pair).
- 8: “just getting ramped up” / “intensifying its efforts”: same sentence, meaning changed
  (a WORDED_DIFFERENTLY pair).
- 6 also: “the official said” / “the source said” (the same speaker, described differently).
- 9: “still rampant” / “continue to proliferate”: a settled level against growth
  (WORDED_DIFFERENTLY).
- 10: the official's quote, reworded inside the quotation marks.
- 13: “That is one reason the US is also working … its extradition treaty” / “That is why he is
  also working … his extradition treaty”: one reason among others against the whole reason,
  and the US against a person (WORDED_DIFFERENTLY).
- 17: $13.5 million / US$13.5 million, quoted purpose / paraphrased purpose.

Neither version has a sentence the other lacks; only the CNN original has a byline-and-date
line (sentence 0), which is metadata, not a sentence.
"""

CNN = "000_b4c534ddc7fcb3f0"
REWORDED = "001_39477fe5179230ce"

# (sentence of 000, sentence of 001)
STORY_PAIRS: frozenset[tuple[int, int]] = frozenset((n, n) for n in range(1, 19))

# Aligned pairs whose wording changes the meaning; both must surface under "worded differently".
WORDED_DIFFERENTLY: dict[int, tuple[str, str]] = {
    6: ("a whole lot of difference pieces", "many differences"),
    8: ("just getting ramped up", "intensifying its efforts"),
    9: ("still rampant", "continue to proliferate"),
    13: ("one reason", "why"),
}

# Aligned pairs that are light rewordings of the same meaning: never "worded differently".
SAME_MEANING: frozenset[int] = frozenset({1, 2, 3, 5, 7, 11, 12, 14, 18})
