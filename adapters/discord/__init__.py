"""Discord adapter: embed payloads (``embeds``) and the gateway client (``client``).

Nothing is imported here so that building payloads never loads discord.py.
"""
