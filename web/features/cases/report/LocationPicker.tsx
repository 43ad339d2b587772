// The report's location: tap the map (over the territory, fitted to the user's area), use the device position, or type coordinates.
import { useContext, useEffect, useRef, useState } from 'react';
import { Button, Collapse, InputNumber, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import L from 'leaflet';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { MeContext } from '../../../app/session';
import { around, boundsOf, keepView, useBaseMap, useOutlines } from '../../../components/BaseMap';
import { FALLBACK_CENTRE } from '../../../lib/mapTiles';
import { geometryPoints } from '../../../lib/geometryPoints';
import { useFeedback } from '../../../lib/useFeedback';
import { useOwnArea } from '../useOwnArea';

export type Point = { lat: number; lng: number };
type Props = { value: Point | null; onChange: (point: Point) => void };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function LocationPicker({ value, onChange }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const element = useRef<HTMLDivElement>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const area = useOwnArea();
  const [locating, setLocating] = useState(false);
  const pick = useRef(onChange);
  pick.current = onChange;
  // A resident bound to a household starts on their community (the public outline of the one holding it).
  const household = useContext(MeContext)?.bindings.find((b) => b.role === 'resident' && b.nodeId != null)?.nodeId;
  const home = useOutlines(household, household != null);
  const community = household != null ? home.data?.items.find((o) => o.kind === 'community') : undefined;
  // Opens on the point already chosen, else on the user's own area or community, else on the whole territory.
  const [start] = useState(value);
  const ownArea = boundsOf([...(area.data ?? []), ...(community ? [community.geometry] : [])].flatMap(geometryPoints));
  const map = useBaseMap(element, {
    territory: 'all',
    fit: start ? around(start) : ownArea,
    mapOptions: { zoomSnap: 0.5 },
  });

  useEffect(() => {
    if (!map) return;
    const onClick = (e: L.LeafletMouseEvent) => pick.current({ lat: round(e.latlng.lat), lng: round(e.latlng.lng) });
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
      marker.current?.remove();
      marker.current = null;
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at: L.LatLngTuple = [value.lat, value.lng];
    if (!marker.current)
      marker.current = L.circleMarker(at, {
        radius: 9,
        color: '#b71c1c',
        fillColor: '#ff4d4f',
        fillOpacity: 0.9,
      }).addTo(map);
    else marker.current.setLatLng(at);
    // Close enough to read the grid names around the point.
    if (!map.getBounds().contains(at) || map.getZoom() < 15) {
      keepView(map);
      // Not animated: a second point chosen during a zoom animation would be dropped by Leaflet.
      map.setView(at, Math.max(map.getZoom(), 15), { animate: false });
    }
  }, [map, value?.lat, value?.lng]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      feedback.fail(new Error(t('report.locateUnsupported')));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const point = { lat: round(pos.coords.latitude), lng: round(pos.coords.longitude) };
        onChange(point);
        if (map) {
          keepView(map);
          map.setView([point.lat, point.lng], 17, { animate: false });
        }
      },
      (error) => {
        setLocating(false);
        feedback.fail(new Error(t('report.locateFailed', { reason: error.message })));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div>
      <div ref={element} className="jy-report-map" data-testid={TID.reportMap} aria-label={t('report.locationHint')} />
      <Space wrap style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid={TID.reportLocate}>
          {locating ? t('report.locating') : t('report.locate')}
        </Button>
        <Typography.Text type={value ? undefined : 'secondary'} style={{ fontSize: 12 }}>
          {value
            ? t('report.picked', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5) })
            : t('report.locationHint')}
        </Typography.Text>
      </Space>
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'coordinates',
            label: t('report.coordinates'),
            children: (
              <Space wrap>
                <InputNumber
                  addonBefore={t('report.lat')}
                  min={-90}
                  max={90}
                  step={0.0001}
                  value={value?.lat ?? null}
                  onChange={(lat) =>
                    lat !== null && onChange({ lat: round(lat), lng: value?.lng ?? FALLBACK_CENTRE[1] })
                  }
                  data-testid={TID.reportLat}
                  style={{ width: 170 }}
                />
                <InputNumber
                  addonBefore={t('report.lng')}
                  min={-180}
                  max={180}
                  step={0.0001}
                  value={value?.lng ?? null}
                  onChange={(lng) =>
                    lng !== null && onChange({ lat: value?.lat ?? FALLBACK_CENTRE[0], lng: round(lng) })
                  }
                  data-testid={TID.reportLng}
                  style={{ width: 170 }}
                />
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
