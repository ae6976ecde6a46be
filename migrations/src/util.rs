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
