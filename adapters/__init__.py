"""Platform adapters: translate chat events into engine calls and engine results into payloads."""
