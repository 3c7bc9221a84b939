package org.mip6.wire.text;

/**
 * What IANA's "Mobile IPv6 parameters" registry names the Mobility Header types and mobility options the codecs
 * keep as unknown (RFC 5568's fast handovers, RFC 5213's Proxy Mobile IPv6, RFC 5555's dual stack, ...), so that
 * an analyser shows a capture of them as tshark does: by name, their bytes undecoded.
 */
final class MobilityParameters {

    private MobilityParameters() {
    }

    /** MH Types 8 to 18 (0-7 are RFC 6275's, which the codecs decode). */
    private static final String[] MH_TYPES = {
            "Fast Binding Update",                  // 8, RFC 5568
            "Fast Binding Acknowledgment",          // 9, RFC 5568
            "Fast Neighbor Advertisement",          // 10, RFC 5568
            "Experimental Mobility Header",         // 11, RFC 5096
            "Home Agent Switch",                    // 12, RFC 5142
            "Heartbeat",                            // 13, RFC 5847
            "Handover Initiate",                    // 14, RFC 5568
            "Handover Acknowledge",                 // 15, RFC 5568
            "Binding Revocation",                   // 16, RFC 5846
            "Localized Routing Initiation",         // 17, RFC 6705
            "Localized Routing Acknowledgment"};    // 18, RFC 6705
    private static final int FIRST_MH_TYPE = 8;

    /** Mobility option types 7 to 52 (0-6 are RFC 6275's and RFC 3963's, which the codecs decode). */
    private static final String[] OPTIONS = {
            "Mobility Header Link-Layer Address",   // 7, RFC 5568
            "Mobile Node Identifier",               // 8, RFC 4283
            "Mobility Message Authentication",      // 9, RFC 4285
            "Mobility Message Replay Protection",   // 10, RFC 4285
            "CGA Parameters Request",               // 11, RFC 4866
            "CGA Parameters",                       // 12, RFC 4866
            "Signature",                            // 13, RFC 4866
            "Permanent Home Keygen Token",          // 14, RFC 4866
            "Care-of Test Init",                    // 15, RFC 4866
            "Care-of Test",                         // 16, RFC 4866
            "DNS Update",                           // 17, RFC 5026
            "Experimental Mobility Option",         // 18, RFC 5096
            "Vendor Specific",                      // 19, RFC 5094
            "Service Selection",                    // 20, RFC 5149
            "Binding Authorization Data for FMIPv6", // 21, RFC 5568
            "Home Network Prefix",                  // 22, RFC 5213
            "Handoff Indicator",                    // 23, RFC 5213
            "Access Technology Type",               // 24, RFC 5213
            "Mobile Node Link-layer Identifier",    // 25, RFC 5213
            "Link-local Address",                   // 26, RFC 5213
            "Timestamp",                            // 27, RFC 5213
            "Restart Counter",                      // 28, RFC 5847
            "IPv4 Home Address",                    // 29, RFC 5555
            "IPv4 Address Acknowledgement",         // 30, RFC 5555
            "NAT Detection",                        // 31, RFC 5555
            "IPv4 Care-of Address",                 // 32, RFC 5555
            "GRE Key",                              // 33, RFC 5845
            "Mobility Header IPv6 Address/Prefix",  // 34, RFC 5568
            "Binding Identifier",                   // 35, RFC 5648
            "IPv4 Home Address Request",            // 36, RFC 5844
            "IPv4 Home Address Reply",              // 37, RFC 5844
            "IPv4 Default-Router Address",          // 38, RFC 5844
            "IPv4 DHCP Support Mode",               // 39, RFC 5844
            "Context Request",                      // 40, RFC 5949
            "Local Mobility Anchor Address",        // 41, RFC 5949
            "Mobile Node Link-local Address Interface Identifier", // 42, RFC 5949
            "Transient Binding",                    // 43, RFC 6058
            "Flow Summary",                         // 44, RFC 6089
            "Flow Identification",                  // 45, RFC 6089
            "Redirect-Capability",                  // 46, RFC 6463
            "Redirect",                             // 47, RFC 6463
            "Load Information",                     // 48, RFC 6463
            "Alternate IPv4 Care-of Address",       // 49, RFC 6463
            "Mobile Node Group Identifier",         // 50, RFC 6602
            "MAG IPv6 Address",                     // 51, RFC 6705
            "Access Network Identifier"};           // 52, RFC 6757
    private static final int FIRST_OPTION = 7;

    /** The registry's name of an MH Type the codecs do not decode, or null (unassigned here). */
    static String mhType(int type) {
        int k = type - FIRST_MH_TYPE;
        return k >= 0 && k < MH_TYPES.length ? MH_TYPES[k] : null;
    }

    /** The registry's name of a mobility option type the codecs do not decode, or null (unassigned here). */
    static String option(int type) {
        int k = type - FIRST_OPTION;
        return k >= 0 && k < OPTIONS.length ? OPTIONS[k] : null;
    }
}
