"""Platform-free domain: parsing, the ticket loop, routing, permissions, texts."""
