"""HTTP layer: FastAPI app, OpenAI-compatible endpoint and the chat page."""
