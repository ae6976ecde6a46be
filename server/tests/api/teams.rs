//! Teams over HTTP (TEAM-1…TEAM-4, TEAM-6, TEAM-7).
use crate::common::*;

// covers: TEAM-1
on_both_databases!(find_company_details_in_the_register, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let found = owner.call("teams/find-company", &[("organisationsnummer", "5561234500")]).await;
    found.assert_ok();
    assert_eq!(found.body["name"], "Elektriska Installationer Norr AB");
    assert_eq!(found.body["organisationsnummer"], COMPANY_NORR);
    let missing = owner.call("teams/find-company", &[("organisationsnummer", UNREGISTERED_COMPANY)]).await;
    let message = missing.assert_field_error(422, "organisationsnummer");
    assert!(message.contains("Elsäkerhetsverkets register"), "{message}");
    assert!(message.contains("kundservice"), "{message}");
    let malformed = owner.call("teams/find-company", &[("organisationsnummer", "556123-4501")]).await;
    assert!(malformed.assert_field_error(422, "organisationsnummer").contains("Kontrollsiffran"));
    // Anonymous callers get nothing.
    assert_eq!(app.client().call("teams/find-company", &[("organisationsnummer", COMPANY_NORR)]).await.status, 401);
});

// covers: TEAM-1, TEAM-2
on_both_databases!(create_teams_and_the_creator_owns_them, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let first = owner.create_team(COMPANY_NORR, "Norr – service").await;
    // TEAM-2: another team under the same organisation number is fine.
    let second = owner.create_team("5561234500", "Norr – nybyggnation").await;
    assert_ne!(first, second);
    let view = owner.team(first).await;
    view.assert_ok();
    assert_eq!(view.body["my_role"], "Owner");
    assert_eq!(view.body["organisationsnummer"], COMPANY_NORR);
    assert_eq!(view.body["company_name"], "Elektriska Installationer Norr AB");
    assert_eq!(view.body["contact_phone"], "+46701112233");
    assert_eq!(view.body["owner"]["email"], "agare@elnorr.se");
    let mine = owner.call("teams/mine", &[]).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 2);
    assert!(mine.body.as_array().unwrap().iter().all(|t| t["is_owner"] == true));

    let refused = owner
        .call(
            "teams/create",
            &[
                ("organisationsnummer", UNREGISTERED_COMPANY),
                ("name", "Okänt"),
                ("contact_name", "A"),
                ("contact_email", "a@b.se"),
                ("contact_phone", "0701234567"),
            ],
        )
        .await;
    refused.assert_field_error(422, "organisationsnummer");
    let invalid = owner
        .call(
            "teams/create",
            &[
                ("organisationsnummer", "12"),
                ("name", " "),
                ("contact_name", "A"),
                ("contact_email", "inte-epost"),
                ("contact_phone", "0701234567"),
            ],
        )
        .await;
    for field in ["organisationsnummer", "name", "contact_email"] {
        invalid.assert_field_error(422, field);
    }
});

// covers: TEAM-3, TEAM-9
on_both_databases!(add_members_by_username, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    assert!(member.my_team_ids().await.is_empty());

    let added = owner.add_member(team, " MEDLEM@elnorr.se ").await;
    added.assert_ok();
    assert_eq!(added.body["name"], "Karin Ek");
    // The member sees the team at once (no new login).
    assert_eq!(member.my_team_ids().await, vec![team as i64]);
    assert_eq!(member.team(team).await.body["my_role"], "Member");

    let again = owner.add_member(team, "medlem@elnorr.se").await;
    assert!(again.assert_field_error(409, "email").contains("redan medlem"));
    let unknown = owner.add_member(team, "ingen@elnorr.se").await;
    let message = unknown.assert_field_error(422, "email");
    assert!(message.contains("skapa ett konto"), "{message}");
    let myself = owner.add_member(team, "agare@elnorr.se").await;
    myself.assert_field_error(422, "email");
});

// covers: TEAM-4
on_both_databases!(only_the_owner_changes_members, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let outsider = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let member_id = member.id().await;
    let outsider_id = outsider.id().await;
    let t = team.to_string();

    // A member may not add, remove (anyone, themselves included: no leaving), offer or delete.
    assert_eq!(member.add_member(team, "annan@elnorr.se").await.status, 403);
    assert_eq!(member.call("teams/remove-member", &[("team_id", &t), ("user_id", &member_id.to_string())]).await.status, 403);
    assert_eq!(member.call("teams/delete", &[("team_id", &t)]).await.status, 403);
    assert_eq!(member.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &member_id.to_string())]).await.status, 403);
    // An outsider is not even told the team exists.
    assert_eq!(outsider.team(team).await.status, 404);
    assert_eq!(outsider.add_member(team, "annan@elnorr.se").await.status, 404);
    assert_eq!(outsider.call("teams/remove-member", &[("team_id", &t), ("user_id", &member_id.to_string())]).await.status, 404);
    assert_eq!(outsider.team(999_999).await.status, 404);
    // Anonymous: 401.
    assert_eq!(app.client().team(team).await.status, 401);

    // The owner removes; the owner cannot be removed.
    let owner_id = owner.id().await;
    let self_removal = owner.call("teams/remove-member", &[("team_id", &t), ("user_id", &owner_id.to_string())]).await;
    assert!(self_removal.assert_field_error(409, "member").contains("Ägaren kan inte tas bort"));
    let not_member = owner.call("teams/remove-member", &[("team_id", &t), ("user_id", &outsider_id.to_string())]).await;
    assert_eq!(not_member.status, 404);
    owner.call("teams/remove-member", &[("team_id", &t), ("user_id", &member_id.to_string())]).await.assert_ok();
    assert!(member.my_team_ids().await.is_empty());
    assert_eq!(member.team(team).await.status, 404);
});

// covers: TEAM-6
on_both_databases!(delete_a_team_without_members, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let t = team.to_string();
    let refused = owner.call("teams/delete", &[("team_id", &t)]).await;
    assert!(refused.assert_field_error(409, "team").contains("1 medlem"));
    let member_id = owner.team(team).await.body["members"][0]["user_id"].as_i64().unwrap().to_string();
    owner.call("teams/remove-member", &[("team_id", &t), ("user_id", &member_id)]).await.assert_ok();
    owner.call("teams/delete", &[("team_id", &t)]).await.assert_ok();
    assert!(owner.my_team_ids().await.is_empty());
    assert_eq!(owner.team(team).await.status, 404);
});

// covers: TEAM-7
on_both_databases!(hand_over_ownership, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let heir = app.installer("arvinge@elnorr.se", FREE_PERSONS[1]).await;
    let other = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    owner.add_member(team, "arvinge@elnorr.se").await.assert_ok();
    owner.add_member(team, "annan@elnorr.se").await.assert_ok();
    let t = team.to_string();
    let heir_id = heir.id().await.to_string();
    let outsider = app.installer("utomstaende@elnorr.se", FREE_PERSONS[3]).await;
    let outsider_id = outsider.id().await.to_string();

    // Only to a member.
    let to_outsider = owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &outsider_id)]).await;
    to_outsider.assert_field_error(409, "member");

    // Offer, then withdraw.
    owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &heir_id)]).await.assert_ok();
    let second = owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &heir_id)]).await;
    second.assert_field_error(409, "member");
    let offers = heir.call("teams/offers-to-me", &[]).await;
    let offer_id = offers.body[0]["offer_id"].as_i64().unwrap().to_string();
    // Other members do not see the offer; nobody else may answer it.
    assert!(other.team(team).await.body["pending_offer"].is_null());
    assert_eq!(other.call("teams/answer-offer", &[("offer_id", &offer_id), ("accept", "true")]).await.status, 404);
    assert_eq!(owner.call("teams/answer-offer", &[("offer_id", &offer_id), ("accept", "true")]).await.status, 404);
    owner.call("teams/withdraw-offer", &[("team_id", &t)]).await.assert_ok();
    let late = heir.call("teams/answer-offer", &[("offer_id", &offer_id), ("accept", "true")]).await;
    assert!(late.assert_field_error(409, "offer").contains("gäller inte längre"));

    // Offer, decline.
    owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &heir_id)]).await.assert_ok();
    let offer_id = heir.call("teams/offers-to-me", &[]).await.body[0]["offer_id"].as_i64().unwrap().to_string();
    heir.call("teams/answer-offer", &[("offer_id", &offer_id), ("accept", "false")]).await.assert_ok();
    assert_eq!(owner.team(team).await.body["my_role"], "Owner");

    // Offer, accept: the roles swap.
    owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &heir_id)]).await.assert_ok();
    let offer_id = heir.call("teams/offers-to-me", &[]).await.body[0]["offer_id"].as_i64().unwrap().to_string();
    heir.call("teams/answer-offer", &[("offer_id", &offer_id), ("accept", "true")]).await.assert_ok();
    let seen_by_heir = heir.team(team).await;
    assert_eq!(seen_by_heir.body["my_role"], "Owner");
    assert_eq!(seen_by_heir.body["owner"]["email"], "arvinge@elnorr.se");
    let members: Vec<&str> =
        seen_by_heir.body["members"].as_array().unwrap().iter().map(|m| m["email"].as_str().unwrap()).collect();
    assert!(members.contains(&"agare@elnorr.se") && members.contains(&"annan@elnorr.se") && members.len() == 2);
    assert_eq!(owner.team(team).await.body["my_role"], "Member");
    // The former owner now has no owner rights.
    assert_eq!(owner.add_member(team, "utomstaende@elnorr.se").await.status, 403);

    // Recorded, with who.
    use app::server::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let entries = audit_log::Entity::find().filter(audit_log::Column::Subject.eq(format!("team:{team}"))).all(&app.db).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for expected in ["team.created", "team.member_added", "team.ownership_offered", "team.ownership_offer_withdrawn", "team.ownership_offer_declined", "team.ownership_transferred"] {
        assert!(actions.contains(&expected), "{expected} missing from {actions:?}");
    }
    let transfer = entries.iter().find(|e| e.action == "team.ownership_transferred").unwrap();
    assert_eq!(transfer.actor_user_id, Some(heir.id().await));
});

// An acceptance racing with the member's removal: one wins, and the team is
// never left with two owners or an owner who is also a member.
// covers: TEAM-7
on_both_databases!(acceptance_racing_with_removal, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let heir = app.installer("arvinge@elnorr.se", FREE_PERSONS[1]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    owner.add_member(team, "arvinge@elnorr.se").await.assert_ok();
    let t = team.to_string();
    let heir_id = heir.id().await.to_string();
    owner.call("teams/offer-ownership", &[("team_id", &t), ("user_id", &heir_id)]).await.assert_ok();
    let offer_id = heir.call("teams/offers-to-me", &[]).await.body[0]["offer_id"].as_i64().unwrap().to_string();

    let accept_form = [("offer_id", offer_id.as_str()), ("accept", "true")];
    let remove_form = [("team_id", t.as_str()), ("user_id", heir_id.as_str())];
    let (accepted, removed) =
        tokio::join!(heir.call("teams/answer-offer", &accept_form), owner.call("teams/remove-member", &remove_form));
    use app::server::entities::{team as team_entity, team_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let stored = team_entity::Entity::find_by_id(team).one(&app.db).await.unwrap().unwrap();
    let members = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team)).all(&app.db).await.unwrap();
    assert!(members.iter().all(|m| m.user_id != stored.owner_user_id), "the owner is never also a member");
    match (accepted.status, removed.status) {
        // Acceptance first: the heir owns; the old owner's removal call is refused.
        (200, s) => {
            assert_ne!(s, 200);
            assert_eq!(stored.owner_user_id.to_string(), heir_id);
        }
        // Removal first: the offer lapsed.
        (s, 200) => {
            assert_eq!(s, 409, "{}", accepted.text);
            assert_ne!(stored.owner_user_id.to_string(), heir_id);
            assert!(members.is_empty());
        }
        other => panic!("neither won: {other:?} {} {}", accepted.text, removed.text),
    }
});

// covers: TEAM-3
on_both_databases!(concurrent_double_add_gives_one_membership, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    let (a, b) = tokio::join!(owner.add_member(team, "medlem@elnorr.se"), owner.add_member(team, "medlem@elnorr.se"));
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.text, b.text);
    assert_eq!(owner.team(team).await.body["members"].as_array().unwrap().len(), 1);
});

// covers: TEAM-4, TEAM-9
on_both_databases!(the_owner_changes_the_teams_name_and_contact_details, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let outsider = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await;
    let team_s = team.to_string();
    let form = |name: &'static str, email: &'static str| {
        let team_s = team_s.clone();
        move || vec![
            ("team_id".to_string(), team_s.clone()),
            ("name".to_string(), name.to_string()),
            ("contact_name".to_string(), "Kim Kontakt".to_string()),
            ("contact_email".to_string(), email.to_string()),
            ("contact_phone".to_string(), "070-111 22 44".to_string()),
        ]
    };
    let call = async |who: &Client, f: Vec<(String, String)>| {
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        who.call("teams/update", &pairs).await
    };
    // Every field is checked, each named.
    call(&owner, form("", "kim@elnorr.se")()).await.assert_field_error(422, "name");
    call(&owner, form("Norr – service", "inte-en-adress")()).await.assert_field_error(422, "contact_email");
    // Members and outsiders do not change the team.
    assert_eq!(call(&member, form("Kapat", "kim@elnorr.se")()).await.status, 403);
    assert_eq!(call(&outsider, form("Kapat", "kim@elnorr.se")()).await.status, 404);
    assert_eq!(app.client().call("teams/update", &[("team_id", &team.to_string())]).await.status, 401);

    call(&owner, form("Norr – service", "kim@elnorr.se")()).await.assert_ok();
    let view = member.team(team).await;
    assert_eq!(view.body["name"], "Norr – service");
    assert_eq!(view.body["contact_name"], "Kim Kontakt");
    assert_eq!(view.body["contact_email"], "kim@elnorr.se");
    assert_eq!(view.body["contact_phone"], "+46701112244");
    // The company stays the company.
    assert_eq!(view.body["organisationsnummer"], COMPANY_NORR);
    // Audited with what changed.
    let (admin, _) = app.admin("admin@natbolaget.se").await;
    let audit = admin.call("admin/audit", &[("person", ""), ("case_number", ""), ("from", ""), ("to", ""), ("page", "0")]).await;
    let entry = audit.body["rows"].as_array().unwrap().iter().find(|e| e["action"] == "team.updated").cloned().expect("audited");
    assert!(entry.to_string().contains("Norr – service"), "{entry}");
});

// covers: CASE-4, CASE-5
on_both_databases!(the_owner_overviews_every_members_cases_and_moves_several_at_once, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let a = app.installer("a@elnorr.se", FREE_PERSONS[1]).await;
    let b = app.installer("b@elnorr.se", FREE_PERSONS[2]).await;
    owner.add_member(team, "a@elnorr.se").await.assert_ok();
    owner.add_member(team, "b@elnorr.se").await.assert_ok();
    let from_a = submitted_fuse_change(&a, team, GSRN).await;
    let from_b = submitted_fuse_change(&b, team, GSRN_2).await;
    let own = owner.create_case("byte_av_sakring", team).await;
    let t = team.to_string();
    let overview = owner.call("cases/team", &[("team_id", &t)]).await;
    overview.assert_ok();
    assert_eq!(overview.body["total"], 3);
    let a_id = a.id().await.to_string();
    let only_a = owner.call("cases/team", &[("team_id", &t), ("member_id", &a_id)]).await;
    assert_eq!(only_a.body["rows"].as_array().unwrap().len(), 1);
    assert_eq!(only_a.body["rows"][0]["holder_user_id"].as_i64(), Some(a.id().await as i64));
    let drafts = owner.call("cases/team", &[("team_id", &t), ("state_code", "utkast")]).await;
    assert_eq!(drafts.body["rows"][0]["id"].as_i64(), Some(own as i64));
    owner.call("cases/team", &[("team_id", &t), ("state_code", "x")]).await.assert_field_error(422, "state_code");
    owner.call("cases/team", &[("team_id", &t), ("member_id", "x")]).await.assert_field_error(422, "member_id");
    // Members do not see the team's overview.
    assert_eq!(a.call("cases/team", &[("team_id", &t)]).await.status, 404);

    // Cases of two members go to the owner in one move.
    let owner_id = owner.id().await;
    let body = serde_json::json!({ "team_id": team, "cases": app.seen(&[from_a, from_b]).await, "to_user_id": owner_id });
    owner.call_json("cases/move-to-member", body).await.assert_ok();
    let mine = owner.call("cases/team", &[("team_id", &t), ("member_id", &owner_id.to_string())]).await;
    assert_eq!(mine.body["total"], 3);
});

// The side column on every page, in one statement: the teams (owned first,
// then by name; a deleted one gone), the offers waiting for an answer, the
// unread news — what `teams/mine`, `teams/offers-to-me` and
// `notifications/unread` say one by one.
// covers: TEAM-1, TEAM-7, CASE-15
on_both_databases!(the_side_column_says_in_one_statement_what_the_lists_say, |app: TestApp| async move {
    let heir = app.installer("arvinge@elnorr.se", FREE_PERSONS[0]).await;
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[1]).await;
    let own_late = heir.create_team(COMPANY_NORR, "Öst").await;
    let own_early = heir.create_team(COMPANY_NORR, "Acke").await;
    let gone = heir.create_team(COMPANY_NORR, "Borta").await;
    heir.call("teams/delete", &[("team_id", &gone.to_string())]).await.assert_ok();
    let member_of = owner.create_team(COMPANY_NORR, "Dalen").await;
    let offered = owner.create_team(COMPANY_NORR, "Furan").await;
    for team in [member_of, offered] {
        owner.add_member(team, "arvinge@elnorr.se").await.assert_ok();
    }
    let heir_id = heir.id().await.to_string();
    owner.call("teams/offer-ownership", &[("team_id", &offered.to_string()), ("user_id", &heir_id)]).await.assert_ok();
    // A case of the heir's, handled: news for the heir.
    let case = submitted_fuse_change(&heir, own_early, GSRN).await;
    app.handler("facility").await.act(case, "RequestSupplement", "Bifoga foto.").await.assert_ok();

    let (side, ran) = app.statements.during(heir.call("teams/sidebar", &[])).await;
    side.assert_ok();
    let ids: Vec<i64> = side.body["teams"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [own_early, own_late, member_of, offered].map(i64::from), "{}", side.text);
    let mine = heir.call("teams/mine", &[]).await;
    assert_eq!(side.body["teams"], mine.body, "the same teams as the list of them");
    assert_eq!(side.body["offers"].as_array().unwrap().len(), 1);
    assert_eq!(side.body["offers"][0]["team_id"], offered);
    assert_eq!(side.body["offers"][0]["team_name"], "Furan");
    assert_eq!(side.body["offers"][0]["offer_id"], heir.call("teams/offers-to-me", &[]).await.body[0]["offer_id"]);
    let unread = heir.call("notifications/unread", &[]).await.body;
    assert!(unread.as_u64().unwrap() >= 1);
    assert_eq!(side.body["unread_notifications"], unread);
    // The session with its user, then the column.
    assert_eq!(ran.len(), 2, "{ran:?}");

    // Nothing to show is an empty column, not an error.
    let newcomer = app.installer("ny@elnorr.se", FREE_PERSONS[2]).await;
    let empty = newcomer.call("teams/sidebar", &[]).await;
    empty.assert_ok();
    assert_eq!(empty.body["teams"], serde_json::json!([]));
    assert_eq!(empty.body["offers"], serde_json::json!([]));
    assert_eq!(empty.body["unread_notifications"], 0);
});
