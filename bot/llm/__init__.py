"""Answers written by a language model (LLM_PROVIDER=openai|ollama), every citation checked.

`LLMAnswerer` (answerer.py) is what the engine calls; `ModelClient` (client.py) makes one model
call; `build_llm` (providers.py) builds llama-index's client; prompts are files in `prompts/`
(prompts.py); `parse.py` reads a cited reply; `verify.py` and `facts.py` are the checker;
`grounding.py` turns a checked reply into claims. Nothing here is imported in extractive mode.
"""
