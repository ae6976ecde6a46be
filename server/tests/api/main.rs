//! Integration tests: the real application on a free port, called over HTTP,
//! on SQLite and PostgreSQL. One test binary (one link) for all areas.
#[macro_use]
mod common;

mod access;
mod accounts;
mod acting;
mod admin;
mod admin_bootstrap;
mod admin_move;
mod backup;
mod cases;
mod demo;
mod directory;
mod handling;
mod hostile;
mod integrity;
mod isolation;
mod language;
mod live;
mod operations;
mod login_defence;
mod outbox;
mod plain_forms;
mod registers;
mod s3;
mod scale;
mod support;
mod second_factor;
mod teams;
mod web;
