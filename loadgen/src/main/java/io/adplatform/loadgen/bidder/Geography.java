package io.adplatform.loadgen.bidder;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 30 countries the bidder benchmark's traffic comes from, shared by {@link CampaignGenerator} (targeting),
 * {@link BidRequestMix} (device IPs and {@code geo.country}) and the geo CSV the mix writes for the bidder's IP
 * database: campaigns and requests only meet when they agree on codes and address ranges. Each country owns
 * {@value #BLOCKS_PER_COUNTRY} synthetic /16 blocks, one per region.
 */
final class Geography {

    static final int BLOCKS_PER_COUNTRY = 4;

    /**
     * @param weight share of traffic, relative; roughly a global DSP's mix (US-heavy)
     * @param regions region codes (ISO 3166-2 suffix) with one city each, one per /16 block
     */
    record Country(String alpha2, String alpha3, int weight, List<Region> regions, boolean gdpr) {

        /** The /16 block of region {@code r}: first two octets. */
        int firstOctet() {
            return 41 + COUNTRIES.indexOf(this);
        }
    }

    record Region(String code, String city) {
    }

    static final List<Country> COUNTRIES = List.of(
            country("US", "USA", 300, false, "CA:Los Angeles", "NY:New York", "TX:Houston", "FL:Miami"),
            country("GB", "GBR", 60, false, "ENG:London", "SCT:Glasgow", "ENG:Manchester", "WLS:Cardiff"),
            country("DE", "DEU", 60, true, "BE:Berlin", "BY:Munich", "HH:Hamburg", "NW:Cologne"),
            country("FR", "FRA", 50, true, "IDF:Paris", "ARA:Lyon", "PAC:Marseille", "OCC:Toulouse"),
            country("JP", "JPN", 50, false, "13:Tokyo", "27:Osaka", "23:Nagoya", "01:Sapporo"),
            country("BR", "BRA", 45, false, "SP:Sao Paulo", "RJ:Rio de Janeiro", "MG:Belo Horizonte", "BA:Salvador"),
            country("IN", "IND", 45, false, "MH:Mumbai", "DL:Delhi", "KA:Bengaluru", "TN:Chennai"),
            country("CA", "CAN", 35, false, "ON:Toronto", "QC:Montreal", "BC:Vancouver", "AB:Calgary"),
            country("AU", "AUS", 30, false, "NSW:Sydney", "VIC:Melbourne", "QLD:Brisbane", "WA:Perth"),
            country("MX", "MEX", 30, false, "CMX:Mexico City", "JAL:Guadalajara", "NLE:Monterrey", "PUE:Puebla"),
            country("IT", "ITA", 30, true, "62:Rome", "25:Milan", "72:Naples", "21:Turin"),
            country("ES", "ESP", 30, true, "MD:Madrid", "CT:Barcelona", "VC:Valencia", "AN:Seville"),
            country("KR", "KOR", 25, false, "11:Seoul", "26:Busan", "28:Incheon", "27:Daegu"),
            country("ID", "IDN", 25, false, "JK:Jakarta", "JI:Surabaya", "JB:Bandung", "SU:Medan"),
            country("TR", "TUR", 20, false, "34:Istanbul", "06:Ankara", "35:Izmir", "16:Bursa"),
            country("NL", "NLD", 20, true, "NH:Amsterdam", "ZH:Rotterdam", "UT:Utrecht", "NB:Eindhoven"),
            country("PL", "POL", 15, true, "14:Warsaw", "12:Krakow", "10:Lodz", "02:Wroclaw"),
            country("SE", "SWE", 12, true, "AB:Stockholm", "O:Gothenburg", "M:Malmo", "C:Uppsala"),
            country("TH", "THA", 15, false, "10:Bangkok", "50:Chiang Mai", "83:Phuket", "20:Chonburi"),
            country("VN", "VNM", 15, false, "SG:Ho Chi Minh City", "HN:Hanoi", "DN:Da Nang", "HP:Haiphong"),
            country("PH", "PHL", 15, false, "00:Manila", "07:Cebu", "11:Davao", "03:Angeles"),
            country("SA", "SAU", 12, false, "01:Riyadh", "02:Jeddah", "04:Dammam", "03:Medina"),
            country("AE", "ARE", 10, false, "DU:Dubai", "AZ:Abu Dhabi", "SH:Sharjah", "AJ:Ajman"),
            country("AR", "ARG", 10, false, "C:Buenos Aires", "X:Cordoba", "S:Rosario", "M:Mendoza"),
            country("ZA", "ZAF", 8, false, "GP:Johannesburg", "WC:Cape Town", "KZN:Durban", "EC:Port Elizabeth"),
            country("EG", "EGY", 8, false, "C:Cairo", "ALX:Alexandria", "GZ:Giza", "SHR:Sharm El Sheikh"),
            country("NG", "NGA", 8, false, "LA:Lagos", "FC:Abuja", "KN:Kano", "OY:Ibadan"),
            country("CH", "CHE", 8, true, "ZH:Zurich", "GE:Geneva", "BS:Basel", "BE:Bern"),
            country("AT", "AUT", 8, true, "9:Vienna", "6:Graz", "4:Linz", "5:Salzburg"),
            country("SG", "SGP", 8, false, "01:Singapore", "02:Jurong", "03:Woodlands", "04:Tampines"));

    private static final int TOTAL_WEIGHT = COUNTRIES.stream().mapToInt(Country::weight).sum();

    private Geography() {
    }

    private static Country country(String alpha2, String alpha3, int weight, boolean gdpr, String... regions) {
        return new Country(alpha2, alpha3, weight, Arrays.stream(regions)
                .map(r -> new Region(r.substring(0, r.indexOf(':')), r.substring(r.indexOf(':') + 1))).toList(), gdpr);
    }

    /** A country drawn by traffic weight. */
    static Country weighted(SplittableRandom random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Country c : COUNTRIES) {
            pick -= c.weight();
            if (pick < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    /** An IPv4 address in region {@code region}'s block of {@code country}; never .0 or .255 in the last octet. */
    static String ip(Country country, int region, SplittableRandom random) {
        return country.firstOctet() + "." + region + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** The region whose block holds {@code ip}, or null outside every block. */
    static Region regionOf(String ip) {
        String[] octets = ip.split("\\.");
        int country = Integer.parseInt(octets[0]) - 41;
        int region = Integer.parseInt(octets[1]);
        if (country < 0 || country >= COUNTRIES.size() || region >= BLOCKS_PER_COUNTRY) {
            return null;
        }
        return COUNTRIES.get(country).regions().get(region);
    }

    /** The country whose block holds {@code ip}, or null. */
    static Country countryOf(String ip) {
        int country = Integer.parseInt(ip.substring(0, ip.indexOf('.'))) - 41;
        return country < 0 || country >= COUNTRIES.size() ? null : COUNTRIES.get(country);
    }

    /** The IP database's source: {@code cidr,countryIso2,region,city}, one line per block. */
    static String csv() {
        StringBuilder out = new StringBuilder();
        for (Country c : COUNTRIES) {
            for (int r = 0; r < BLOCKS_PER_COUNTRY; r++) {
                Region region = c.regions().get(r);
                out.append(c.firstOctet()).append('.').append(r).append(".0.0/16,").append(c.alpha2()).append(',')
                        .append(region.code()).append(',').append(region.city()).append('\n');
            }
        }
        return out.toString();
    }
}
