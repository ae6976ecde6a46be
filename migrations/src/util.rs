use sea_orm_migration::prelude::*;

/// An index over `cols` of `table`, unique or not.
pub fn index(name: &str, table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(*c);
    }
    if unique {
        idx.unique();
    }
    idx.to_owned()
}

/// A foreign key from `table.col` to `target.id`.
pub fn fk(name: &str, table: &'static str, col: &'static str, target: &'static str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(target, "id").on_delete(on_delete).to_owned()
}

/// `CREATE INDEX` over `key` that also carries `carried`, so a read needing
/// only those columns never visits the table. PostgreSQL `INCLUDE`s them;
/// SQLite has no `INCLUDE`, so there they are the key's last columns, which
/// change no order the key's own columns give.
pub fn covering_index_sql(backend: sea_orm_migration::sea_orm::DatabaseBackend, name: &str, table: &str, key: &[&str], carried: &[&str]) -> String {
    match backend {
        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
            format!("CREATE INDEX {name} ON {table} ({}) INCLUDE ({})", key.join(", "), carried.join(", "))
        }
        _ => format!("CREATE INDEX {name} ON {table} ({})", [key, carried].concat().join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::covering_index_sql;
    use sea_orm_migration::sea_orm::DatabaseBackend;

    #[test]
    fn a_covering_index_includes_on_postgres_and_extends_the_key_on_sqlite() {
        assert_eq!(
            covering_index_sql(DatabaseBackend::Postgres, "i", "cases", &["a", "b"], &["c"]),
            "CREATE INDEX i ON cases (a, b) INCLUDE (c)"
        );
        assert_eq!(covering_index_sql(DatabaseBackend::Sqlite, "i", "cases", &["a", "b"], &["c"]), "CREATE INDEX i ON cases (a, b, c)");
    }
}
