"""The long-running process: configuration, CLI, scheduler and wiring.

The only package that reads the environment.
"""
