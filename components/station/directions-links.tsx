import { useTranslations } from "next-intl";
import { StationIcon, type StationIconName } from "@/components/station/station-icon";
import { directionsLinks, type DirectionsProvider, type DirectionsTarget } from "@/lib/directions";

const icons: Record<DirectionsProvider, StationIconName> = {
  amap: "navigate",
  baidu: "navigate",
  tencent: "navigate",
  geo: "phoneApp",
  apple: "compass",
};

/** One large button per map app; each link already carries the point in that app's datum. */
export function DirectionsLinks({ target }: { target: DirectionsTarget }) {
  const t = useTranslations("station.directions");
  return (
    <section className="card station-directions" aria-labelledby="directions-heading">
      <h2 id="directions-heading">{t("heading")}</h2>
      <p className="station-hint">{t("hint")}</p>
      <ul className="station-directions-list">
        {directionsLinks(target).map(({ provider, href }) => {
          // geo: hands off to the phone itself; the web links open the app or its site beside this page.
          const external = href.startsWith("https:");
          return (
            <li key={provider}>
              <a
                className={`station-button station-directions-${provider}`}
                href={href}
                data-testid={`directions-${provider}`}
                {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
              >
                <StationIcon name={icons[provider]} />
                <span>{t(provider)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
