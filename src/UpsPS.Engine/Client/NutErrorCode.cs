namespace UpsPS.Engine.Client
{
    /// <summary>Every <c>ERR</c> code a NUT server may send (net-protocol.md §6), including legacy ones.</summary>
    public enum NutErrorCode
    {
        /// <summary>A code this library does not know; the wire text is kept in <see cref="NutException.CodeText"/>.</summary>
        Other = 0,
        UnknownCommand,
        InvalidArgument,
        UsernameRequired,
        PasswordRequired,
        AlreadySetUsername,
        AlreadySetPassword,
        AccessDenied,
        AlreadyLoggedIn,
        UnknownUps,
        DriverNotConnected,
        DataStale,
        VarNotSupported,
        CmdNotSupported,
        Readonly,
        TooLong,
        InvalidValue,
        SetFailed,
        InstcmdFailed,
        FeatureNotConfigured,
        FeatureNotSupported,
        AlreadySslMode,
        Unknown,
        Failed,
        InvalidUsername,
        InvalidPassword,
        VarUnknown,
        UnknownType,
        UnknownInstcmd,
        MissingArgument,
        PasswordIncorrect,
        UnknownVar,
    }
}
