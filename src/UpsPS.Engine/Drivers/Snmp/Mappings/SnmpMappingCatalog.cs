using System;
using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Drivers.Snmp.Mappings
{
    /// <summary>The mappings UpsPS ships, in snmp-ups' detection order (the subset of NUT's list implemented here).</summary>
    public static class SnmpMappingCatalog
    {
        public static readonly IReadOnlyList<SnmpMapping> DetectionOrder = new[]
        {
            ApcAtsMapping.ApcAts,
            ApcPduMapping.Rpdu,
            ApcPduMapping.Rpdu2,
            ApcPduMapping.Msp,
            ApcMapping.Apcc,
            BaytechMapping.Baytech,
            BestpowerMapping.Bestpower,
            CompaqMapping.Compaq,
            CyberPowerMapping.CyberPower,
            DeltaMapping.Delta,
            EatonAts16Mapping.Nmc,
            EatonAts16Mapping.Nm2,
            EatonAts30Mapping.Ats30,
            EatonEpduMapping.Marlin,
            EmersonAvocentMapping.Avocent,
            AphelMapping.Revelation,
            AphelMapping.GenesisII,
            PulizziMapping.Switched1,
            PulizziMapping.Switched2,
            HpePduMapping.HpePdu,
            HuaweiMapping.Huawei,
            MgeMapping.Mge,
            NetvisionMapping.Netvision,
            EatonPowerwareMapping.Powerware,
            EatonPowerwareMapping.Pxgx,
            RaritanMapping.Raritan,
            RaritanPx2Mapping.Px2,
            XppcMapping.Xppc,
            IetfMapping.TrippLite,
            IetfMapping.Ietf,
        };

        public static SnmpMapping? Find(string name)
        {
            if (string.Equals(name, "eaton_pw_nm2", StringComparison.OrdinalIgnoreCase)) name = "pw";
            if (string.Equals(name, "eaton_pxg_ups", StringComparison.OrdinalIgnoreCase)) name = "pxgx_ups";
            return DetectionOrder.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }
}
