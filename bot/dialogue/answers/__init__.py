"""Direct answers to single questions: duties, confidentiality, contacts, opening
hours, routines, words and "I want to talk to a person".

Pure logic without Rasa. ``items`` names knowledge-base items in button payloads,
``roles`` decides whose answer to give, ``clock`` puts time and opening hours in
words, and ``compose`` writes the answers, including "Mente du …?" when a
question is unclear.
"""
