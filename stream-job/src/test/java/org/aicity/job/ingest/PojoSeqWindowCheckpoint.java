package org.aicity.job.ingest;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A snapshot of the ingest operator written by the job before {@link SeqWindowSerializer} (commit
 * e6ef6f2), when {@link SeqWindow} was a POJO of three {@code long[]} kept as "recent-readings":
 * {@link OperatorSnapshotUtil#writeStateHandle} of a {@code KeyedOneInputStreamOperatorTestHarness}
 * (heap backend, max parallelism 128) after five readings of songdo-trf-0001, seq 7 to 11 at
 * {@link TestMessages#T0} plus 0 to 4 seconds, with a ten-minute dedup TTL. It holds the old
 * POJO serializer's snapshot (class and field names), so restoring it checks that today's job
 * starts from such a checkpoint.
 */
final class PojoSeqWindowCheckpoint {

    private static final String BASE64 = """
        AAAAAwAAAAAAAAAAAQQAAAABAA9pbmdlc3QtY291bnRlcnMBAAAAAQAAAAAAAAUCAQAkMzk3ZmJhNDItOTIzMi00ZmM4LWEwNWMt
        NGQ4MzliY2JmNWY4AAAFNQAAAAYAAAEAD2luZ2VzdC1jb3VudGVycwAAAAEAAAABACBPUEVSQVRPUl9TVEFURV9ESVNUUklCVVRJ
        T05fTU9ERQAFVU5JT04AAAABABBWQUxVRV9TRVJJQUxJWkVSAAAAAgBCb3JnLmFwYWNoZS5mbGluay5hcGkuamF2YS50eXBldXRp
        bHMucnVudGltZS5Qb2pvU2VyaWFsaXplclNuYXBzaG90AAAAAgAtb3JnLmFpY2l0eS5qb2IuaW5nZXN0LkluZ2VzdENvdW50ZXJz
        JFNuYXBzaG90AAAE8saaPXAAAAAGAApkdXBsaWNhdGVzAQAAADsALW9yZy5haWNpdHkuam9iLmluZ2VzdC5Jbmdlc3RDb3VudGVy
        cyRTbmFwc2hvdAAKZHVwbGljYXRlcwEAAABWAFBvcmcuYXBhY2hlLmZsaW5rLmFwaS5jb21tb24udHlwZXV0aWxzLmJhc2UuTG9u
        Z1NlcmlhbGl6ZXIkTG9uZ1NlcmlhbGl6ZXJTbmFwc2hvdAAAAAMAEm1heEV2ZW50VGltZU1pbGxpcwEAAABDAC1vcmcuYWljaXR5
        LmpvYi5pbmdlc3QuSW5nZXN0Q291bnRlcnMkU25hcHNob3QAEm1heEV2ZW50VGltZU1pbGxpcwEAAABWAFBvcmcuYXBhY2hlLmZs
        aW5rLmFwaS5jb21tb24udHlwZXV0aWxzLmJhc2UuTG9uZ1NlcmlhbGl6ZXIkTG9uZ1NlcmlhbGl6ZXJTbmFwc2hvdAAAAAMACm1l
        c3NhZ2VzSW4BAAAAOwAtb3JnLmFpY2l0eS5qb2IuaW5nZXN0LkluZ2VzdENvdW50ZXJzJFNuYXBzaG90AAptZXNzYWdlc0luAQAA
        AFYAUG9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5Mb25nU2VyaWFsaXplciRMb25nU2VyaWFsaXpl
        clNuYXBzaG90AAAAAwAPcmVhZGluZ3NJbnZhbGlkAQAAAEAALW9yZy5haWNpdHkuam9iLmluZ2VzdC5Jbmdlc3RDb3VudGVycyRT
        bmFwc2hvdAAPcmVhZGluZ3NJbnZhbGlkAQAAAFYAUG9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5M
        b25nU2VyaWFsaXplciRMb25nU2VyaWFsaXplclNuYXBzaG90AAAAAwANcmVhZGluZ3NWYWxpZAEAAAA+AC1vcmcuYWljaXR5Lmpv
        Yi5pbmdlc3QuSW5nZXN0Q291bnRlcnMkU25hcHNob3QADXJlYWRpbmdzVmFsaWQBAAAAVgBQb3JnLmFwYWNoZS5mbGluay5hcGku
        Y29tbW9uLnR5cGV1dGlscy5iYXNlLkxvbmdTZXJpYWxpemVyJExvbmdTZXJpYWxpemVyU25hcHNob3QAAAADAAdzdWJ0YXNrAQAA
        ADgALW9yZy5haWNpdHkuam9iLmluZ2VzdC5Jbmdlc3RDb3VudGVycyRTbmFwc2hvdAAHc3VidGFzawEAAABUAE5vcmcuYXBhY2hl
        LmZsaW5rLmFwaS5jb21tb24udHlwZXV0aWxzLmJhc2UuSW50U2VyaWFsaXplciRJbnRTZXJpYWxpemVyU25hcHNob3QAAAADAAAE
        8saaPXAAAAAAAAAE8saaPXAAAAAAAAACAAAAAAAAAAAAAAAAAaH9LFdAAAAAAAAAAAAFAAAAAAAAAAAAAAAAAAAAAAAFAAAAAAAA
        AAAAAAAAAQwAAAAAAAAAAQAAAAAAAAjMAQAkYzVjMjM3NTAtYWFjNC00Zjg5LWJkODItYjI1OWViYTUzZWZlAAAKBgAAAAYAAAAA
        AgBUb3JnLmFwYWNoZS5mbGluay5hcGkuY29tbW9uLnR5cGV1dGlscy5iYXNlLlN0cmluZ1NlcmlhbGl6ZXIkU3RyaW5nU2VyaWFs
        aXplclNuYXBzaG90AAAAAwADAA9yZWNlbnQtcmVhZGluZ3MAAAAAAAAAAQAQS0VZRURfU1RBVEVfVFlQRQAFVkFMVUUAAAACABBW
        QUxVRV9TRVJJQUxJWkVSAAAAAgBCb3JnLmFwYWNoZS5mbGluay5hcGkuamF2YS50eXBldXRpbHMucnVudGltZS5Qb2pvU2VyaWFs
        aXplclNuYXBzaG90AAAAAgAfb3JnLmFpY2l0eS5qb2IuaW5nZXN0LlNlcVdpbmRvdwAABPLGmj1wAAAABwAMZmluZ2VycHJpbnRz
        AQAAAC8AH29yZy5haWNpdHkuam9iLmluZ2VzdC5TZXFXaW5kb3cADGZpbmdlcnByaW50cwEAAAB4AHJvcmcuYXBhY2hlLmZsaW5r
        LmFwaS5jb21tb24udHlwZXV0aWxzLmJhc2UuYXJyYXkuTG9uZ1ByaW1pdGl2ZUFycmF5U2VyaWFsaXplciRMb25nUHJpbWl0aXZl
        QXJyYXlTZXJpYWxpemVyU25hcHNob3QAAAADAAZtYXhTZXEBAAAAKQAfb3JnLmFpY2l0eS5qb2IuaW5nZXN0LlNlcVdpbmRvdwAG
        bWF4U2VxAQAAAFYAUG9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5Mb25nU2VyaWFsaXplciRMb25n
        U2VyaWFsaXplclNuYXBzaG90AAAAAwAObmV3ZXN0VHNNaWxsaXMBAAAAMQAfb3JnLmFpY2l0eS5qb2IuaW5nZXN0LlNlcVdpbmRv
        dwAObmV3ZXN0VHNNaWxsaXMBAAAAVgBQb3JnLmFwYWNoZS5mbGluay5hcGkuY29tbW9uLnR5cGV1dGlscy5iYXNlLkxvbmdTZXJp
        YWxpemVyJExvbmdTZXJpYWxpemVyU25hcHNob3QAAAADAARzZXFzAQAAACcAH29yZy5haWNpdHkuam9iLmluZ2VzdC5TZXFXaW5k
        b3cABHNlcXMBAAAAeAByb3JnLmFwYWNoZS5mbGluay5hcGkuY29tbW9uLnR5cGV1dGlscy5iYXNlLmFycmF5LkxvbmdQcmltaXRp
        dmVBcnJheVNlcmlhbGl6ZXIkTG9uZ1ByaW1pdGl2ZUFycmF5U2VyaWFsaXplclNuYXBzaG90AAAAAwAEc2l6ZQEAAAAnAB9vcmcu
        YWljaXR5LmpvYi5pbmdlc3QuU2VxV2luZG93AARzaXplAQAAAFQATm9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRp
        bHMuYmFzZS5JbnRTZXJpYWxpemVyJEludFNlcmlhbGl6ZXJTbmFwc2hvdAAAAAMABXN0YXJ0AQAAACgAH29yZy5haWNpdHkuam9i
        LmluZ2VzdC5TZXFXaW5kb3cABXN0YXJ0AQAAAFQATm9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5J
        bnRTZXJpYWxpemVyJEludFNlcmlhbGl6ZXJTbmFwc2hvdAAAAAMACHRzTWlsbGlzAQAAACsAH29yZy5haWNpdHkuam9iLmluZ2Vz
        dC5TZXFXaW5kb3cACHRzTWlsbGlzAQAAAHgAcm9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5hcnJh
        eS5Mb25nUHJpbWl0aXZlQXJyYXlTZXJpYWxpemVyJExvbmdQcmltaXRpdmVBcnJheVNlcmlhbGl6ZXJTbmFwc2hvdAAAAAMAAATy
        xpo9cAAAAAAAAATyxpo9cAAAAAAAFE5BTUVTUEFDRV9TRVJJQUxJWkVSAAAAAgBWb3JnLmFwYWNoZS5mbGluay5ydW50aW1lLnN0
        YXRlLlZvaWROYW1lc3BhY2VTZXJpYWxpemVyJFZvaWROYW1lc3BhY2VTZXJpYWxpemVyU25hcHNob3QAAAADACNfdGltZXJfc3Rh
        dGUvcHJvY2Vzc2luZ191c2VyLXRpbWVycwAAAAMAAAAAAAAAAQAQVkFMVUVfU0VSSUFMSVpFUgAAAAIAQG9yZy5hcGFjaGUuZmxp
        bmsuc3RyZWFtaW5nLmFwaS5vcGVyYXRvcnMuVGltZXJTZXJpYWxpemVyU25hcHNob3QAAAADAA3nBAAAAAIAFFf9AAAAAQAAAAIA
        VG9yZy5hcGFjaGUuZmxpbmsuYXBpLmNvbW1vbi50eXBldXRpbHMuYmFzZS5TdHJpbmdTZXJpYWxpemVyJFN0cmluZ1NlcmlhbGl6
        ZXJTbmFwc2hvdAAAAAMAVm9yZy5hcGFjaGUuZmxpbmsucnVudGltZS5zdGF0ZS5Wb2lkTmFtZXNwYWNlU2VyaWFsaXplciRWb2lk
        TmFtZXNwYWNlU2VyaWFsaXplclNuYXBzaG90AAAAAwAeX3RpbWVyX3N0YXRlL2V2ZW50X3VzZXItdGltZXJzAAAAAwAAAAAAAAAB
        ABBWQUxVRV9TRVJJQUxJWkVSAAAAAgBAb3JnLmFwYWNoZS5mbGluay5zdHJlYW1pbmcuYXBpLm9wZXJhdG9ycy5UaW1lclNlcmlh
        bGl6ZXJTbmFwc2hvdAAAAAMADecEAAAAAgAUV/0AAAABAAAAAgBUb3JnLmFwYWNoZS5mbGluay5hcGkuY29tbW9uLnR5cGV1dGls
        cy5iYXNlLlN0cmluZ1NlcmlhbGl6ZXIkU3RyaW5nU2VyaWFsaXplclNuYXBzaG90AAAAAwBWb3JnLmFwYWNoZS5mbGluay5ydW50
        aW1lLnN0YXRlLlZvaWROYW1lc3BhY2VTZXJpYWxpemVyJFZvaWROYW1lc3BhY2VTZXJpYWxpemVyU25hcHNob3QAAAADAAAAAAAC
        AAAAAAAAAAAAAQAXc29uZ2RvL3Nvbmdkby10cmYtMDAwMQIAAAAACPqA3GTj/tGt+oDcZOP+0a36gNxk4/7RrfqA3GTj/tGt+oDc
        ZOP+0a0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAsAAAABof0sV0AAAAAACAAAAAAAAAAHAAAAAAAAAAgAAAAAAAAA
        CQAAAAAAAAAKAAAAAAAAAAsAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABQAAAAAAAAAAAAgAAAGh/SxHoAAAAaH9LEuIAAAB
        of0sT3AAAAGh/SxTWAAAAaH9LFdAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAABgAAAAAAAA+gXc29uZ2RvL3Nvbmdkby10
        cmYtMDAwMQAAJDlkNzc0Y2RlLWQzNTItNDY4My05NTIxLTVmMmE3OWZlZmQzMgAAAAAAAAAA
        """;

    private PojoSeqWindowCheckpoint() {
    }

    static OperatorSubtaskState read() throws IOException, ClassNotFoundException {
        Path file = Files.createTempFile("pojo-seq-window", ".snapshot");
        try {
            Files.write(file, Base64.getMimeDecoder().decode(BASE64));
            return OperatorSnapshotUtil.readStateHandle(file.toString());
        } finally {
            Files.delete(file);
        }
    }
}
