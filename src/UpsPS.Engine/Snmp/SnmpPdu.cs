using System.Collections.Generic;

namespace UpsPS.Engine.Snmp
{
    /// <summary>
    /// A PDU. For GetBulk, <see cref="ErrorStatus"/> carries non-repeaters and <see cref="ErrorIndex"/>
    /// max-repetitions (same wire positions).
    /// </summary>
    public sealed class SnmpPdu
    {
        public SnmpPdu(SnmpPduType type, int requestId, int errorStatus, int errorIndex, IReadOnlyList<SnmpVarBind> varBinds)
        {
            Type = type;
            RequestId = requestId;
            ErrorStatus = errorStatus;
            ErrorIndex = errorIndex;
            VarBinds = varBinds;
        }

        public SnmpPduType Type { get; }
        public int RequestId { get; }
        public int ErrorStatus { get; }
        public int ErrorIndex { get; }
        public IReadOnlyList<SnmpVarBind> VarBinds { get; }

        public SnmpErrorStatus Error => (SnmpErrorStatus)ErrorStatus;

        public static SnmpPdu GetBulk(int requestId, int nonRepeaters, int maxRepetitions, IReadOnlyList<SnmpVarBind> varBinds) =>
            new SnmpPdu(SnmpPduType.GetBulkRequest, requestId, nonRepeaters, maxRepetitions, varBinds);
    }

    /// <summary>A v1/v2c message: version, community, PDU.</summary>
    public sealed class SnmpCommunityMessage
    {
        public SnmpCommunityMessage(SnmpVersion version, byte[] community, SnmpPdu pdu)
        {
            Version = version;
            Community = community;
            Pdu = pdu;
        }

        public SnmpVersion Version { get; }
        public byte[] Community { get; }
        public SnmpPdu Pdu { get; }
    }
}
