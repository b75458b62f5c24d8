"""The web server: chat page, embeddable widget and a relay to Rasa's REST channel."""
