"""Custom actions for the Rasa action server (rasa-sdk). One module per concern.

``tracker.events`` holds the events from the latest user message on, and from
before it only the last event for each slot and for the loop: that is what Rasa
sends (bot/rasa_integration/action_payload.py). An action that needs more of the history must
be given it there.
"""
