"""Who may call each endpoint: one table, checked before every request, deny by default.

This is the coarse gate (your role in at least one hub). Which case, session or hub
you may touch is checked next, by the named loaders in ``echo_cases.access``, which
answer "not found" for anything outside your hubs. An endpoint missing from this
table is refused to everyone, and the authorization-matrix tests fail until it has
an entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflows import Role


@dataclass(frozen=True)
class Rule:
    public: bool = False
    # None: any signed-in member of a hub; the view and the workflow decide the rest.
    roles: frozenset[Role] | None = None

    def admits(self, roles: set[Role]) -> bool:
        return self.public or self.roles is None or bool(self.roles & roles)


PUBLIC = Rule(public=True)
MEMBER = Rule()
CLINICIAN = Rule(roles=frozenset({Role.CLINICIAN}))
EXPERT = Rule(roles=frozenset({Role.EXPERT}))
ADMIN = Rule(roles=frozenset({Role.ADMIN}))
ORGANISER = Rule(roles=frozenset({Role.COORDINATOR, Role.ADMIN}))
STAFF = Rule(roles=frozenset({Role.EXPERT, Role.COORDINATOR, Role.ADMIN}))

ROUTES: dict[str, Rule] = {
    # Open to everyone: signing in, readiness, the API's description, CSS.
    "auth.login": PUBLIC, "health.healthz": PUBLIC, "api.openapi": PUBLIC, "static": PUBLIC,
    "auth.login_code": PUBLIC,  # holds only a signed, five-minute "password was right"
    "auth.hub_login": PUBLIC,  # a hub's short link to the sign-in page
    "auth.logout": MEMBER, "cases.home": MEMBER, "auth.two_factor_setup": MEMBER,
    # Writing and submitting cases.
    "cases.my_cases": CLINICIAN, "cases.new_case": CLINICIAN, "cases.edit_case": CLINICIAN,
    "cases.preview": CLINICIAN, "cases.submit": CLINICIAN,
    "cases.autosave_new_case": CLINICIAN, "cases.autosave_case": CLINICIAN,
    "api.list_cases": CLINICIAN, "api.create_case": CLINICIAN,
    "api.update_case": CLINICIAN, "api.preview_case": CLINICIAN, "api.submit_case": CLINICIAN,
    "api.get_decisions": CLINICIAN, "api.save_decisions": CLINICIAN,
    # Reading and moving a case: the case loader and the workflow table decide.
    "cases.show": MEMBER, "cases.act": MEMBER, "api.get_case": MEMBER,
    "api.act_on_case": MEMBER, "api.case_history": MEMBER,
    "cases.break_glass": ADMIN,
    # Review.
    "queues.expert_queue": EXPERT, "queues.triage": ORGANISER, "api.queue": STAFF,
    # Experts only; of them, the case's lead and its session's panel
    # (access.may_write_recommendations, checked by review.save_recommendations).
    "letters.save_recommendations": EXPERT, "api.put_recommendations": EXPERT,
    "letters.autosave_recommendations": EXPERT,
    # Reading the letter a sign-off would send, before signing it (the workflow decides who).
    "letters.sign_off": EXPERT, "letters.letter_to_sign_pdf": EXPERT,
    # Letters.
    "letters.letter_pdf": MEMBER, "api.letter_pdf": MEMBER,
    "letters.acknowledge": CLINICIAN, "api.acknowledge_letter": CLINICIAN,
    "letters.follow_up": CLINICIAN, "api.follow_up": CLINICIAN,
    "letters.retry_delivery": ORGANISER, "api.retry_delivery": ORGANISER,
    # Sessions.
    "sessions.index": STAFF, "api.list_sessions": MEMBER, "sessions.show": MEMBER,
    "api.get_session": MEMBER, "sessions.new": ORGANISER, "api.create_session": ORGANISER,
    "sessions.attendance": ORGANISER, "api.put_attendance": ORGANISER,
    "sessions.letters_zip": ORGANISER, "api.session_letters": ORGANISER,
    "sessions.video_link": ORGANISER, "sessions.reschedule": ORGANISER,
    "api.reschedule_session": ORGANISER,
    "sessions.session_ics": MEMBER,
    # Your zone and calendar link are yours; the feed itself is public but answers only a
    # live link's token (calendar apps cannot sign in), with that person's sessions alone.
    "calendar.settings": MEMBER, "calendar.choose_zone": MEMBER, "calendar.new_feed": MEMBER,
    "calendar.revoke_feed": MEMBER, "calendar.feed": PUBLIC,
    # Hub reports.
    "hubs.show_dashboard": ORGANISER, "hubs.cases_csv": ORGANISER, "hubs.cases_json": ORGANISER,
    "api.hub_dashboard": ORGANISER, "api.export_csv": ORGANISER, "api.export_json": ORGANISER,
    # Export ZIPs built in the background.
    "archives.request_archive": ORGANISER, "archives.show": ORGANISER,
    "archives.download": ORGANISER, "api.request_archive": ORGANISER,
    "api.get_archive": ORGANISER, "api.download_archive": ORGANISER,
    # Who is who: yourself and your hubs for everyone; programs for every member of their
    # hub; a hub's people (no e-mail) for its organisers, to assign work.
    "api.me": MEMBER, "api.list_hubs": MEMBER, "api.list_programs": MEMBER,
    "api.hub_people": ORGANISER,
    # A hub's own pages: its admin keeps programs, people and settings; its coordinators
    # read its people. Which hub, program or person is checked by the view (outsiders: 404).
    "hub_admin.people": ORGANISER, "hub_admin.person": ADMIN, "hub_admin.change_role": ADMIN,
    "hub_admin.deactivate": ADMIN, "hub_admin.reactivate": ADMIN,
    "hub_admin.program_list": ADMIN, "hub_admin.program": ADMIN, "hub_admin.program_form": ADMIN,
    # A program's case form: its hub's members read it (any version), its admins replace it.
    "api.program_form": MEMBER, "api.program_form_version": MEMBER,
    "api.replace_program_form": ADMIN,
    "hub_admin.archive_program": ADMIN, "hub_admin.restore_program": ADMIN,
    "hub_admin.settings": ADMIN,
    # Invitations: admins invite anyone, coordinators clinicians and experts (the service
    # checks the role invited, and which hub). Accepting is by the e-mailed link alone.
    "invitations.index": ORGANISER, "invitations.upload": ORGANISER,
    "invitations.resend": ORGANISER, "invitations.revoke": ORGANISER,
    "invitations.accept": PUBLIC,
    "api.list_invitations": ORGANISER, "api.create_invitation": ORGANISER,
    "api.resend_invitation": ORGANISER, "api.revoke_invitation": ORGANISER,
    # Forgot your password: asking answers the same for every address; the link alone
    # lets its holder choose a new password.
    "password_reset.forgot": PUBLIC, "password_reset.choose": PUBLIC,
    # Your own account: everyone keeps their own; a token id not theirs is not found.
    "account.show": MEMBER, "account.save_profile": MEMBER, "account.change_password": MEMBER,
    "account.create_token": MEMBER, "account.revoke_token": MEMBER,
    "account.disable_two_factor": MEMBER,
    # The same as JSON: a hub's settings, programs and members for its admin; your own
    # profile and tokens for everyone (a token id not yours is not found).
    "api.hub_settings": ADMIN, "api.update_hub_settings": ADMIN, "api.hub_programs": ADMIN,
    "api.create_program": ADMIN, "api.update_program": ADMIN, "api.hub_member": ADMIN,
    "api.update_hub_member": ADMIN, "api.update_me": MEMBER, "api.my_tokens": MEMBER,
    "api.create_my_token": MEMBER, "api.revoke_my_token": MEMBER,
    # A hub's activity: its admins, and its coordinators who read its people.
    "hub_admin.activity": ORGANISER, "api.hub_activity": ORGANISER,
    # Session evaluations: a program's questions are its admin's; sending a session's survey,
    # its results and the hub's export are its organisers'. The survey itself is answered
    # by its e-mailed link alone (an unguessable token, one answer), without signing in.
    "evaluations.program_settings": ADMIN, "evaluations.send": ORGANISER,
    "evaluations.session_results": ORGANISER, "evaluations.hub_csv": ORGANISER,
    "evaluations.respond": PUBLIC,
    "api.session_evaluation": ORGANISER, "api.hub_evaluations": ORGANISER,
    "api.send_evaluations": ORGANISER,
    # Means per program, month and question (n and mean), as CSV and JSON: its organisers.
    "evaluations.hub_monthly_csv": ORGANISER, "api.hub_evaluations_monthly": ORGANISER,
    # A session's participants and certificates: its hub's coordinators (the view checks
    # which hub); a program's CME/CE credit: its hub's admins.
    "participants.index": ORGANISER, "participants.preview": ORGANISER,
    "participants.confirm_import": ORGANISER, "participants.save": ORGANISER,
    "participants.remove": ORGANISER, "participants.issue": ORGANISER,
    "participants.revoke": ORGANISER,
    "certificates.program_credit": ADMIN,
    # Your own certificates and transcript (a certificate not yours is not found).
    "certificates.mine": MEMBER, "certificates.certificate_pdf": MEMBER,
    "certificates.transcript": MEMBER,
    # A transcript for spokes without an account: asking answers the same for every address
    # (throttled); the e-mailed link alone opens that address's transcript, for a day.
    "certificates.ask_transcript": PUBLIC, "certificates.transcript_by_link": PUBLIC,
    # Anyone holding a certificate's code may check it: the answer is its name, session,
    # date and hours alone, and codes are 80 random bits.
    "certificates.verify": PUBLIC, "certificates.verify_code": PUBLIC,
    # Outcomes: told by the case's author alone (anyone else: not found); read by whoever
    # may read the case, de-identified; a hub's figures for its organisers.
    "outcomes.form": CLINICIAN, "outcomes.preview": CLINICIAN, "outcomes.answer": CLINICIAN,
    "outcomes.decline": CLINICIAN, "api.case_outcome": MEMBER,
    "outcomes.figures_csv": ORGANISER, "api.hub_outcomes": ORGANISER,
    "outcomes.program_settings": ADMIN,
    # A hub's CME/CE credit figures, and its record of who earned credit: its organisers.
    "hubs.credits_csv": ORGANISER, "api.hub_credits": ORGANISER,
}


def rule_for(endpoint: str | None) -> Rule | None:
    return ROUTES.get(endpoint or "")
