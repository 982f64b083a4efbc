"""The console adapter: chat commands and digests in a terminal, the same code path as Slack and Discord."""
