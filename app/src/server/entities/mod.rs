//! SeaORM entities, one per table of the migrations crate.
pub mod audit_log;
pub mod case;
pub mod case_attachment;
pub mod case_event;
pub mod login_failure;
pub mod outbox;
pub mod ownership_offer;
pub mod recovery_code;
pub mod register_authorization;
pub mod register_company;
pub mod register_energikonto;
pub mod register_person;
pub mod session;
pub mod team;
pub mod team_member;
pub mod user;
