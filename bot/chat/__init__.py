"""What the Discord and Slack adapters share: rate limits, feedback, error messages, the service."""
