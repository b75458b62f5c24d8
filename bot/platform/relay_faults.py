"""How Rasa's REST channel (bot/rasa_integration/rest_channel.py) tells the web server
(bot/web/rasa_client.py) that handling a message failed.

Rasa's channel answers HTTP 200 with the messages collected so far whatever
happened, so a failure is one message with ``custom.fault`` instead of the
answer. An empty list then only means that Rasa had nothing to say. Kept
apart from both sides: the channel loads Rasa, the web server must not.
"""

FAULT_KEY = "fault"
# The conversation could not be read or stored: the user should send it again.
NOT_STORED = "not_stored"
# Anything else went wrong while handling the message.
FAILED = "failed"
