"""The long-running process: configuration, CLI, scheduler, wiring. The only place that reads the environment."""
