"""The LLM prompts, as data: one Markdown file per prompt, shipped in this package.

`bot/llm/prompts.py` reads them through `importlib.resources`, so an installed wheel finds them
as a checkout does; PROMPTS_DIR points at another folder instead.
"""
