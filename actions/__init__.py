"""Custom actions for the Rasa action server (rasa-sdk). One module per concern."""
