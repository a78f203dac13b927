package io.plantconsole.auth.model;

/** Accounts are disabled, never deleted: the owner of a signature stays known. */
public enum AccountStatus { ACTIVE, DISABLED }
