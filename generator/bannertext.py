"""The consent banner's own text, in the policy's catalogs (domain "policy", like the policy it
goes with; extracted through babel.cfg). Each message is plain text: ``banner.py`` escapes it for
HTML and adds the links."""

from __future__ import annotations

from .i18n import N_

TITLE = N_("Cookies on our website")
INTRO = N_(
    "Our website uses cookies and similar technologies that are strictly necessary for it to work. "
    "We use the other tools described in the settings only if you consent to them. "
    "You can change your choices and withdraw your consent at any time."
)
ACCEPT_ALL = N_("Accept all")
REJECT_ALL = N_("Reject all")
#: The place where people change their choices: the footer link or the floating button, and the
#: title of the settings; the policy calls it the same (templates/cookies.md.j2, consent_tool.link).
SETTINGS = N_("Cookie settings")
SAVE = N_("Save my choices")
CLOSE = N_("Close")
CHOICES_TITLE = N_("Your choices")
CHOICES = N_(
    "Every category below stays switched off until you switch it on. "
    "Strictly necessary cookies cannot be switched off: the website needs them to work."
)
NECESSARY_TITLE = N_("Strictly necessary")
NECESSARY = N_(
    "Needed for the website to work and to remember your choices in this banner; "
    "we use them without asking for your consent."
)
OTHER_TITLE = N_("Other tools that need your consent")
OTHER = N_("Tools that store information on your device or read it from there, which we use only with your consent.")
SERVICES = N_("Services: %(services)s.")
UNLISTED = N_("%(service)s does not publish a full list of what it stores on your device: %(link)s.")
UNLISTED_LINK = N_("the provider's description")
MORE = N_("More in our privacy policy: %(link)s.")
SERVICE = N_("Service")
NAME = N_("Name")
LIFETIME = N_("Lifetime")
PURPOSE = N_("Purpose")
