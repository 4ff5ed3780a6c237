"""The aiohttp application: the local web chat, the tickets API, and later the dashboard."""
