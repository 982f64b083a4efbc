"""Slack adapter: Block Kit payloads (``blocks``) and the Bolt app (``app``).

Nothing is imported here so that building payloads never loads slack_bolt.
"""
