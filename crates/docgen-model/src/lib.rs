//! The API model: types, enums, operations and permissions resolved across pages.
