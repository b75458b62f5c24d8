"""Direct answers to single questions: duties, confidentiality, contacts, opening
hours, routines, words and "I want to talk to a person" (issue 5).

Pure logic without Rasa. ``items`` names knowledge-base items in button payloads,
``roles`` decides whose answer to give, ``compose`` writes the answers, and
``suggest`` offers "Mente du …?" when a question is unclear.
"""
