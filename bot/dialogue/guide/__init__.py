"""The guided walk through the municipality's action guide (handlingsveileder).

Pure logic without Rasa: ``walk`` holds the conversation state and its moves,
``interpret`` reads free-text answers, ``render`` turns knowledge-base content
into short chat messages with buttons.
"""
