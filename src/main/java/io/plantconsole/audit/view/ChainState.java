package io.plantconsole.audit.view;

/** The state of the audit chain after the last verification in this session. */
public enum ChainState { NOT_VERIFIED, INTACT, BROKEN, FAILED }
