package io.plantconsole.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.service.SignatureService.SignedRecord;
import io.plantconsole.testing.AuthFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureServiceTest {
    @TempDir
    Path dir;
    AuthFixture f;
    final SignedRecord lot = new SignedRecord("lot", "L-2026-0042", "{\"grade\":\"I\",\"mouldy\":\"1.3\"}");

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dir);
        f.signedIn("quinn", Role.QA_MANAGER);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void signatureRecordsNameTimeMeaningAndIsBoundToTheRecord() {
        boolean[] changed = {false};
        ElectronicSignature sig = f.signatures.signWithPassword(Permission.QA_RELEASE, lot, SignatureMeaning.APPROVAL,
                "cut test within grade I", AuthFixture.PASSWORD.toCharArray(), tx -> changed[0] = true);
        assertThat(changed[0]).isTrue();
        assertThat(sig.userName()).isEqualTo("quinn Example");
        assertThat(sig.signedAt()).isEqualTo(f.clock.instant());
        assertThat(sig.manifestation()).contains("quinn Example (QA Manager), Approval");
        assertThat(SignatureService.holdsFor(sig, lot)).isTrue();
        // the same signature on changed content, or on another record, does not hold
        assertThat(SignatureService.holdsFor(sig, new SignedRecord("lot", "L-2026-0042",
                "{\"grade\":\"I\",\"mouldy\":\"4.0\"}"))).isFalse();
        assertThat(SignatureService.holdsFor(sig, new SignedRecord("lot", "L-2026-0043", lot.canonicalContent())))
                .isFalse();
        // moved to another record in storage: the signature's own hash no longer matches
        ElectronicSignature moved = new ElectronicSignature(sig.id(), sig.userId(), sig.userName(), sig.role(),
                sig.meaning(), sig.resourceType(), "L-2026-0043", sig.recordHash(), sig.signedAt(),
                sig.signatureHash(), sig.auditEventId());
        assertThat(SignatureService.holdsFor(moved, new SignedRecord("lot", "L-2026-0043", lot.canonicalContent())))
                .isFalse();

        List<ElectronicSignature> stored = f.signatures.signaturesOf("lot", "L-2026-0042");
        assertThat(stored).containsExactly(sig);
        AuditEvent event = f.auditStore.find(new AuditQuery(null, null, null, AuditAction.SIGN, null, null, 5)).get(0);
        assertThat(event.id()).isEqualTo(sig.auditEventId());
        assertThat(event.newValue()).containsEntry("meaning", "APPROVAL")
                .containsEntry("signature_hash", sig.signatureHash()).containsEntry("record_hash", sig.recordHash());
        assertThat(event.reason()).isEqualTo("cut test within grade I");
        assertThat(f.store.pending(1000)).anyMatch(e -> e.recordType().equals("e_signature")
                && e.payloadJson().contains(sig.signatureHash()));
    }

    @Test
    void wrongPasswordSignsNothingAndChangesNothing() {
        boolean[] changed = {false};
        assertThatThrownBy(() -> f.signatures.signWithPassword(Permission.QA_RELEASE, lot, SignatureMeaning.APPROVAL,
                "ok", "not my password".toCharArray(), tx -> changed[0] = true))
                .isInstanceOf(AuthException.class).hasMessageContaining("not signed");
        assertThat(changed[0]).isFalse();
        assertThat(f.signatures.signaturesOf("lot", lot.resourceId())).isEmpty();
    }

    @Test
    void aFailingChangeRollsTheSignatureBack() {
        assertThatThrownBy(() -> f.signatures.signWithPassword(Permission.QA_RELEASE, lot, SignatureMeaning.APPROVAL,
                "ok", AuthFixture.PASSWORD.toCharArray(), tx -> {
                    throw new IllegalStateException("lot is on hold");
                })).hasMessage("lot is on hold");
        assertThat(f.signatures.signaturesOf("lot", lot.resourceId())).isEmpty();
        assertThat(f.auditStore.find(new AuditQuery(null, null, null, AuditAction.SIGN, null, null, 5))).isEmpty();
    }

    @Test
    void reasonIsRequired() {
        assertThatThrownBy(() -> f.signatures.signWithPassword(Permission.QA_RELEASE, lot, SignatureMeaning.REVIEW,
                " ", AuthFixture.PASSWORD.toCharArray(), tx -> { })).hasMessageContaining("reason");
    }
}
