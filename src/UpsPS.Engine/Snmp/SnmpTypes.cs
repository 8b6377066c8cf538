namespace UpsPS.Engine.Snmp
{
    public enum SnmpVersion
    {
        V1 = 0,
        V2c = 1,
        V3 = 3,
    }

    /// <summary>BER tag of a varbind value (the tag byte as SNMP sends it).</summary>
    public enum SnmpValueType : byte
    {
        Integer = 0x02,
        OctetString = 0x04,
        Null = 0x05,
        ObjectIdentifier = 0x06,
        IpAddress = 0x40,
        Counter32 = 0x41,
        Gauge32 = 0x42,
        TimeTicks = 0x43,
        Opaque = 0x44,
        Counter64 = 0x46,
        NoSuchObject = 0x80,
        NoSuchInstance = 0x81,
        EndOfMibView = 0x82,
    }

    /// <summary>Context-specific PDU tags (0xA0 + number).</summary>
    public enum SnmpPduType : byte
    {
        GetRequest = 0xA0,
        GetNextRequest = 0xA1,
        Response = 0xA2,
        SetRequest = 0xA3,
        TrapV1 = 0xA4,
        GetBulkRequest = 0xA5,
        InformRequest = 0xA6,
        TrapV2 = 0xA7,
        Report = 0xA8,
    }

    public enum SnmpErrorStatus
    {
        NoError = 0,
        TooBig = 1,
        NoSuchName = 2,
        BadValue = 3,
        ReadOnly = 4,
        GenErr = 5,
        NoAccess = 6,
        WrongType = 7,
        WrongLength = 8,
        WrongEncoding = 9,
        WrongValue = 10,
        NoCreation = 11,
        InconsistentValue = 12,
        ResourceUnavailable = 13,
        CommitFailed = 14,
        UndoFailed = 15,
        AuthorizationError = 16,
        NotWritable = 17,
        InconsistentName = 18,
    }
}
