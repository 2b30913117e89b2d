"""The interview's questions about what the business does with data: features, tools, the
retention and basis of the built-in purposes, recipients, security, children (data; ``questions.py``
puts the interview together)."""

from __future__ import annotations

from ..i18n import N_
from .question import Q

SERVICES_HELP = N_("Space selects, type to search, Enter confirms.")
BOOL = "confirm"
#: Something is sold (so there are invoices) and every controller is established in Poland.
SELLS_IN_POLAND = "(features.shop or features.saas) and polish_law"

PROCESSING: tuple[Q, ...] = (
    # features
    Q(
        "features.website.log_retention_days",
        N_("How many days are server logs kept?"),
        N_("Your hosting keeps logs of visits (IP addresses); 14 or 30 days is common."),
        "int",
        default=30,  # a suggestion the answer writes to the file; the model assumes nothing
    ),
    Q(
        "features.contact",
        N_("Can people contact you (form, e-mail, phone)?"),
        N_("Messages contain personal data, so the policy says how you handle them."),
        "presence",
        default=True,
    ),
    Q(
        "features.contact.form",
        N_("Is there a contact form on the site?"),
        N_("A form that sends you a message."),
        BOOL,
    ),
    Q("features.contact.email", N_("Do people write to you by e-mail?"), N_("The address shown on the site."), BOOL),
    Q(
        "features.contact.phone",
        N_("Do people call you?"),
        N_("A phone number shown on the site."),
        BOOL,
        default="=phone_given",
    ),
    Q(
        "features.contact.keep_months",
        N_("For how many months do you keep messages after the matter is closed?"),
        N_("12 months is a common choice."),
        "int",
        default=12,
    ),
    Q(
        "features.accounts",
        N_("Can people create an account on your site?"),
        N_("A login with a password, a customer panel."),
        "presence",
    ),
    Q(
        "features.accounts.social_login",
        N_("Can they sign in with Google, Facebook or similar?"),
        N_("The provider then tells you who the person is."),
        BOOL,
    ),
    Q("features.shop", N_("Do you sell online (a shop)?"), N_("Orders, payments and deliveries."), "presence"),
    Q(
        "features.shop.payments",
        N_("Which payment operators do you use?"),
        SERVICES_HELP,
        "checkbox",
        choices=("payments",),
    ),
    Q(
        "features.shop.carriers",
        N_("Which carriers deliver your orders?"),
        SERVICES_HELP,
        "checkbox",
        choices=("delivery",),
    ),
    Q(
        "features.shop.guest_checkout",
        N_("Can people buy without an account?"),
        N_("Guest checkout."),
        BOOL,
        default=True,  # a suggestion: the file states the answer given
        when="features.accounts",  # without accounts every purchase is made without one
    ),
    Q(
        "features.shop.consumers",
        N_("Do you sell to consumers?"),
        N_("Private persons: they may withdraw from the contract and make complaints."),
        BOOL,
    ),
    Q(
        "features.saas",
        N_("Do you provide an online service or app that customers use (SaaS)?"),
        N_("Software that customers use in the browser, under a subscription."),
        "presence",
    ),
    Q(
        "features.saas.dpa_url",
        N_("Where do customers find your data processing agreement? (optional)"),
        N_("When customers put their own data in your app, you process it on their behalf; leave empty to skip."),
        optional=True,
    ),
    Q("features.saas.support", N_("Do you provide customer support?"), N_("Tickets, chat or e-mail support."), BOOL),
    Q("features.saas.trial", N_("Is there a free trial?"), N_("People try the service before they pay."), BOOL),
    # bookkeeping: which law the invoices purpose cites, and whether invoices go through KSeF
    Q(
        "bookkeeping",
        N_("Should the policy say how you keep your books and whether you invoice through KSeF?"),
        N_(
            "Recommended: the invoices purpose then cites the law that really applies to you (a sole trader on "
            "KPiR or lump-sum tax is not under the Accounting Act) and says how long invoices are kept."
        ),
        "presence",
        when=SELLS_IN_POLAND,
    ),
    Q(
        "bookkeeping.form",
        N_("How do you keep your books?"),
        N_(
            "Companies (sp. z o.o., S.A., spółka komandytowa), foundations and associations always keep full "
            "accounting books; sole traders usually keep KPiR or pay the lump-sum tax."
        ),
        "select",
    ),
    Q(
        "bookkeeping.ksef",
        N_("Do you issue invoices through KSeF, the National e-Invoice System?"),
        N_(
            "Mandatory for the largest taxpayers from 1 February 2026, for most others from 1 April 2026 and for "
            "the smallest from 1 January 2027; invoices to consumers are not covered."
        ),
        BOOL,
    ),
    Q(
        "features.newsletter",
        N_("Do you send a newsletter?"),
        N_("E-mails with news or offers to people who sign up."),
        "presence",
    ),
    Q(
        "features.newsletter.tool",
        N_("Which tool sends the newsletter?"),
        N_("The mailing service that keeps your subscribers' addresses."),
        "select",
        choices=("newsletter",),
    ),
    Q(
        "features.newsletter.double_opt_in",
        N_("Do subscribers confirm their address by clicking a link?"),
        N_("Double opt-in: proof that the person really signed up."),
        BOOL,
        default=True,  # a suggestion: the file states the answer given
    ),
    Q(
        "features.webinars",
        N_("Do you run webinars or online events?"),
        N_("Live sessions people sign up for."),
        "presence",
    ),
    Q(
        "features.webinars.tool",
        N_("Which platform do you use for webinars?"),
        N_("The service that hosts the sessions."),
        "select",
        choices=("webinar",),
    ),
    Q(
        "features.webinars.recording",
        N_("Do you record the webinars?"),
        N_("Recordings may show participants' image and voice."),
        BOOL,
    ),
    Q(
        "features.comments",
        N_("Can people comment on your site?"),
        N_("Comments under articles or products."),
        "presence",
    ),
    Q(
        "features.comments.moderation",
        N_("Do you moderate comments before they appear?"),
        N_("Moderation means reading comments and removing unlawful ones."),
        BOOL,
        default=True,  # a suggestion: the file states the answer given
    ),
    Q(
        "features.surveys",
        N_("Do you run surveys or collect reviews?"),
        N_("Questionnaires, opinion requests."),
        "presence",
    ),
    Q(
        "features.surveys.tool",
        N_("Which tool collects the survey answers?"),
        N_("Pick the service, or none if you use your own."),
        "select",
        optional=True,
        choices=("reviews",),
    ),
    Q(
        "features.marketing",
        N_("Do you advertise online using data about visitors?"),
        N_("e.g. ads shown to people who visited your site."),
        "presence",
    ),
    Q(
        "features.marketing.remarketing",
        N_("Do you show ads to people who visited your site?"),
        N_("Remarketing, e.g. with Meta Pixel or Google Ads."),
        BOOL,
    ),
    Q(
        "features.marketing.profiling",
        N_("Do you group visitors into interest segments for ads?"),
        N_("Profiling for marketing: the policy must say so."),
        BOOL,
    ),
    Q(
        "features.social_media",
        N_("Do you have profiles on social media?"),
        N_("e.g. a Facebook page: you and the platform are joint controllers of the page's statistics."),
        "presence",
    ),
    Q(
        "features.social_media.profiles",
        N_("Which social media profiles do you have?"),
        N_("Space selects, Enter confirms."),
        "checkbox",
        choices=("social",),
    ),
    Q(
        "features.recruitment",
        N_("Do you accept job applications?"),
        N_("Through a form on the site, by e-mail or in a recruitment tool."),
        "presence",
    ),
    Q(
        "features.recruitment.form",
        N_("Do candidates apply through a form on the site?"),
        N_("A form that sends you their application."),
        BOOL,
    ),
    Q(
        "features.recruitment.email",
        N_("Do candidates send applications by e-mail?"),
        N_("To an address given in the job offer."),
        BOOL,
    ),
    Q(
        "features.recruitment.future_months",
        N_("For how many months may you keep an application for future recruitments? (optional)"),
        N_("The number your consent clause names, if you ask candidates for that consent; leave empty if you do not."),
        "int",
        optional=True,
    ),
    # services
    Q(
        "services",
        N_("Which other tools does your website use?"),
        N_("Space selects, type to search, Enter confirms; the list is grouped by kind."),
        "checkbox",
        choices="services",
    ),
    Q(
        "custom_services[].name",
        N_("Name of the tool"),
        N_("A tool that is not on the list, e.g. a local booking system."),
    ),
    Q("custom_services[].category", N_("What does it do?"), N_("The kind of tool."), "select"),
    Q("custom_services[].entity.name", N_("Company providing it"), N_("The legal entity that serves users in Europe.")),
    Q(
        "custom_services[].entity.address",
        N_("Its address (optional)"),
        N_("Leave empty if you could not check it."),
        optional=True,
    ),
    Q(
        "custom_services[].entity.country",
        N_("Its country"),
        N_("A two-letter code, e.g. PL."),
        default="PL",
        upper=True,
    ),
    Q(
        "custom_services[].role",
        N_("What is the provider's role?"),
        N_("A processor acts only on your instructions; a controller decides on its own."),
        "select",
        default="processor",
    ),
    Q(
        "custom_services[].purpose",
        N_("What do you use it for?"),
        N_("A short phrase, e.g. booking appointments."),
        "texts",
    ),
    Q("custom_services[].data", N_("Which data does it receive?"), N_("Space selects, Enter confirms."), "checkbox"),
    Q(
        "custom_services[].transfers[].country",
        N_("Country outside the EEA the data reach"),
        N_("A two-letter code, e.g. US."),
        upper=True,
    ),
    Q(
        "custom_services[].transfers[].mechanism",
        N_("On what basis are the data transferred there?"),
        N_("The provider's privacy policy or data processing agreement says this."),
        "select",
        default="scc",
    ),
    Q(
        "custom_services[].transfers[].recipient",
        N_("Who receives the data there? (optional)"),
        N_("e.g. Example Inc.; leave empty to skip."),
        optional=True,
    ),
    Q(
        "custom_services[].self_hosted",
        N_("Do you run it on your own server?"),
        N_("Self-hosted software sends no data to its publisher."),
        BOOL,
        optional=True,
    ),
    Q(
        "custom_services[].cookies",
        N_("Does this tool store cookies or similar data on visitors' devices?"),
        N_("Scripts, widgets and embeds usually do; its privacy or cookie policy lists them."),
        "presence",
        default="=custom_service.category in on_site",
    ),
    Q("custom_services[].cookies[].name", N_("Name of the cookie"), N_("As in the tool's cookie list, e.g. _bk_id.")),
    Q(
        "custom_services[].cookies[].kind",
        N_("What kind of storage is it?"),
        N_("A cookie, the browser's local storage, or a tracking pixel."),
        "select",
    ),
    Q(
        "custom_services[].cookies[].lifetime",
        N_("How long is it kept?"),
        N_("session, or a number and unit: 30 minutes, 13 months, 2 years."),
    ),
    Q(
        "custom_services[].cookies[].purpose",
        N_("What is it for?"),
        N_("A short phrase, e.g. remembering the chosen appointment."),
        "texts",
    ),
    Q(
        "custom_services[].cookies[].party",
        N_("Whose domain sets it?"),
        N_("First party: your own domain; third party: the tool's domain."),
        "select",
        default="first",
    ),
    Q(
        "custom_services[].cookies[].consent",
        N_("Does it need the visitor's consent?"),
        N_("Yes, unless it is strictly necessary for something the visitor asked for, such as a booking."),
        BOOL,
        default=True,
    ),
    Q(
        "custom_services[].links.privacy",
        N_("Address of its privacy policy"),
        N_("A URL, e.g. https://example.com/privacy."),
    ),
    # what the tools chosen above keep, and the consent banner they need (the core's own rules)
    Q(
        "features.website.statistics_months",
        N_("For how many months do your statistics tools keep the data they collect? (optional)"),
        N_("A setting of the tool, e.g. Google Analytics 4: 2 or 14 months; leave empty if you do not know."),
        "int",
        optional=True,
        when='"analytics" in selected',
    ),
    Q(
        "consent_tool.service",
        N_("Which tool shows your cookie banner?"),
        N_("Pick none if your site has its own banner."),
        "select",
        optional=True,
        choices=("consent",),
    ),
    Q(
        "consent_tool.link",
        N_("Where can visitors change their cookie choices later?"),
        N_("The policy says it in each of its languages; pick “elsewhere” to describe another place."),
        "select",
        optional=True,
        choices="consent_link",
    ),
    Q(
        "consent_tool.settings",
        N_("Where can visitors change their cookie choices? Describe the place"),
        N_("e.g. the “Privacy” icon in the bottom left corner of the page."),
        "texts",
        when="not answers.consent_tool.link",
    ),
    # the site's own cookies (its code, a shop or CMS that is not a catalogue tool, its own banner)
    Q(
        "custom_cookies[].name",
        N_("Name of the cookie"),
        N_("As your browser's developer tools show it, e.g. cart_id or cookie_consent."),
    ),
    Q(
        "custom_cookies[].provider",
        N_("Whose software sets it? (optional)"),
        N_("e.g. the shop platform's name; leave empty when it is your own site's code."),
        optional=True,
    ),
    Q(
        "custom_cookies[].lifetime",
        N_("How long is it kept?"),
        N_("session, or a number and unit: 30 minutes, 13 months, 2 years."),
    ),
    Q(
        "custom_cookies[].purpose",
        N_("What is it for?"),
        N_("A short phrase, e.g. remembering the contents of the basket."),
        "texts",
    ),
    Q(
        "custom_cookies[].consent",
        N_("Does it need the visitor's consent?"),
        N_(
            "Answer No only when it is strictly necessary for something the visitor asked for: the basket, a login, "
            "remembering the cookie choices."
        ),
        BOOL,
    ),
    # retention and legal basis of the built-in purposes that apply
    Q(
        "purposes",
        N_("Do you want to change how long you keep data, or the legal basis, for any of these purposes?"),
        N_("Tick with Space only the purposes to change, then Enter; nothing ticked keeps what the policy says."),
        "entries",
        choices="purposes",
    ),
    Q(
        "purposes{}.basis",
        N_("On what legal basis do you process these data?"),
        N_("The basis decides which rights people have; keep it unless you are sure."),
        "select",
        optional=True,
        choices="basis",
    ),
    Q(
        "purposes{}.interest",
        N_("What is your legitimate interest?"),
        N_("A short phrase, e.g. running a discussion under our articles."),
        "texts",
        when='override_needs == "interest"',
    ),
    Q(
        "purposes{}.obligation",
        N_("Which legal obligation requires this processing?"),
        N_("The duty and the law that imposes it, e.g. keeping employee records (Labour Code)."),
        "texts",
        when='override_needs == "obligation"',
    ),
    Q(
        "purposes{}.retention",
        N_("How long do you keep these data?"),
        N_("Keep what the policy says, or give a period, a statutory rule or your own criteria."),
        "form",
        optional=True,
        choices="retention",
    ),
    Q(
        "purposes{}.retention.days",
        N_("How many days?"),
        N_("A whole number."),
        "int",
        when='retention_form == "days"',
    ),
    Q(
        "purposes{}.retention.months",
        N_("How many months?"),
        N_("A whole number."),
        "int",
        when='retention_form == "months"',
    ),
    Q(
        "purposes{}.retention.years",
        N_("How many years?"),
        N_("A whole number."),
        "int",
        when='retention_form == "years"',
    ),
    Q(
        "purposes{}.retention.after",
        N_("From when is the period counted?"),
        N_("The policy will say it exactly as shown."),
        "select",
        optional=True,
        choices="after",
        when='retention_form in ("days", "months", "years")',
    ),
    Q(
        "purposes{}.retention.statute",
        N_("Which statutory period applies?"),
        N_("The policy cites the statute when every controller is established in Poland."),
        "select",
        choices="statute",
        when='retention_form == "statute"',
    ),
    Q(
        "purposes{}.retention.criterion",
        N_("What decides how long you keep them?"),
        N_("A short phrase, e.g. until the end of the school year in which the course took place."),
        "texts",
        when='retention_form == "criterion"',
    ),
    # recipients, security, the rest
    Q(
        "other_recipients",
        N_("Who else receives personal data from you?"),
        N_("Space selects, Enter confirms; leave all empty if none."),
        "checkbox",
    ),
    Q(
        "no_recipients",
        N_("Does really nobody outside receive personal data (no hosting, payment, delivery or mailing service)?"),
        N_("The policy will then say that no external service receives personal data and nothing leaves the EEA."),
        BOOL,
        optional=True,
        when="(features.shop or features.accounts or features.newsletter) and not policy.recipients "
        "and not answers.other_recipients",
    ),
    Q("security", N_("How do you protect the data?"), N_("Space selects the measures you really use."), "checkbox"),
    Q(
        "profiling",
        N_("Do you analyse people's behaviour to tailor offers? Describe it (optional)"),
        N_("e.g. recommending products based on purchases; leave empty if not."),
        "texts",
        optional=True,
    ),
    Q(
        "children.directed_at_children",
        N_("Is your site meant for children?"),
        N_("Special rules apply to children's consent (Art. 8 GDPR)."),
        BOOL,
        optional=True,
    ),
    Q(
        "children.min_age",
        N_("Age of the youngest users you expect (optional)"),
        N_("A number from 0 to 18; leave empty to skip."),
        "int",
        optional=True,
        when="answers.children.directed_at_children",
    ),
    Q(
        "children.parental_consent",
        N_("Do you obtain parents' consent for younger children?"),
        N_("Needed below the age of digital consent (16 in Poland)."),
        BOOL,
        when="answers.children.directed_at_children",
    ),
)
