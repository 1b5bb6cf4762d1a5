"""Issue 16: notices contradicted each other ("Touch and eyes still work" while the camera
was down). One notice is worded from the state of every control."""

from kiosk.notices import controls_notice


def test_nothing_down_means_no_notice():
    assert controls_notice({"voice": True, "gaze": True}) is None
    assert controls_notice({"voice": None, "gaze": None}) is None


def test_one_control_down_names_the_others_that_work():
    assert controls_notice({"voice": False, "gaze": True}) == (
        "Voice control is off right now. Eyes and touch still work."
    )
    assert controls_notice({"voice": True, "gaze": False}) == (
        "Eye control is off right now. Voice and touch still work."
    )


def test_both_down_never_claims_either_works():
    notice = controls_notice({"voice": False, "gaze": False})
    assert notice == "Voice and eye control are off right now. Touch still works."


def test_a_control_turned_off_in_the_settings_is_not_offered():
    assert controls_notice({"voice": False, "gaze": None}) == (
        "Voice control is off right now. Touch still works."
    )
