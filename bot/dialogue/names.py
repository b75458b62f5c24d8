"""The names Python shares with the Rasa domain (domain/*.yml), and the only place they are written.

Every intent, slot, action, form, entity and response that code in bot/ and actions/ refers
to is a constant here. tests/test_domain_names.py checks each against the merged domain and
fails on a name written anywhere else, so a rename in the domain alone cannot pass the tests.
Plain str constants: they go into payloads, slots and events exactly as Rasa sends them.
"""


class Intent:
    WORRY_ABOUT_CHILD = "worry_about_child"
    HELP = "help"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    BOT_CHALLENGE = "bot_challenge"
    START_OVER = "start_over"
    OUT_OF_SCOPE = "out_of_scope"
    # Direct questions; the intent says what kind of item to look for first.
    ASK_RULE = "ask_rule"
    ASK_CONTACT = "ask_contact"
    ASK_ROUTINE = "ask_routine"
    ASK_TERM = "ask_term"
    ASK_HUMAN = "ask_human"
    TELL_ROLE = "tell_role"
    # The guided walk's buttons.
    GUIDE_ANSWER = "guide_answer"
    GUIDE_BACK = "guide_back"
    GUIDE_SUMMARY = "guide_summary"
    # Set by our NLU components, never learnt from examples alone.
    ACUTE_DANGER = "acute_danger"
    NOT_NORWEGIAN = "not_norwegian"
    NLU_FALLBACK = "nlu_fallback"  # Rasa's FallbackClassifier


class Entity:
    KB_ITEM = "kb_item"  # "regel:samtykke", from «Mente du …?» and menu buttons
    ROLE_CHOICE = "role_choice"  # a bot.knowledge.model.Role value, from the role buttons
    GUIDE_OPTION = "guide_option"  # ja/nei/vet_ikke, a role or a step id, from the walk's buttons
    DANGER_TYPE = "danger_type"  # set by the acute-danger net


class Slot:
    USER_ROLE = "user_role"
    KB_ITEM = "kb_item"  # the item of the last answer
    GUIDE_STATE = "guide_state"
    GUIDE_OUTCOME = "guide_outcome"
    UNCLEAR_IN_A_ROW = "unclear_in_a_row"
    ASKER = "known_asker"  # who is asking (bot.understanding.reading.Asker), once a message made it clear


class Form:
    GUIDE = "guide_form"


class Action:
    ANSWER_QUESTION = "action_answer_question"
    ANSWER_AFTER_ACUTE = "action_answer_after_acute"
    REMEMBER_ROLE = "action_remember_role"
    UNCLEAR = "action_unclear"
    SHORT_REPLY = "action_short_reply"
    VALIDATE_GUIDE_FORM = "validate_guide_form"
    ASK_GUIDE_OUTCOME = "action_ask_guide_outcome"
    GUIDE_FINISH = "action_guide_finish"
    GUIDE_SUMMARY = "action_guide_summary"
    LISTEN = "action_listen"  # Rasa's own


class Response:
    GREET = "utter_greet"  # ends «Er et barn i fare nå? Ring 112.»
    BOT_CHALLENGE = "utter_bot_challenge"  # ends «Vil du snakke med et menneske?»
    ACUTE_DANGER = "utter_acute_danger"
