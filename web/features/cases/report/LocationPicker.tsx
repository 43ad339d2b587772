// The report's location: tap the map (centred on the user's area), use the device position, or type coordinates.
import { useEffect, useRef, useState } from 'react';
import { Button, Collapse, InputNumber, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useT } from '../../../app/i18n';
import { TID } from '../../../app/testids';
import { addTiles, FALLBACK_CENTRE } from '../../../lib/mapTiles';
import { useFeedback } from '../../../lib/useFeedback';
import { useOwnArea } from '../useOwnArea';

export type Point = { lat: number; lng: number };
type Props = { value: Point | null; onChange: (point: Point) => void };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function LocationPicker({ value, onChange }: Props) {
  const t = useT();
  const feedback = useFeedback();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const area = useOwnArea();
  const [locating, setLocating] = useState(false);
  const pick = useRef(onChange);
  pick.current = onChange;
  const current = useRef(value);
  current.current = value;
  const areaKey = area.isSuccess ? area.data.length : -1;

  // The map is made once; the area outline is drawn when it arrives.
  useEffect(() => {
    if (!element.current) return;
    const start = current.current;
    const m = L.map(element.current, { zoomSnap: 0.5 }).setView(
      start ? [start.lat, start.lng] : FALLBACK_CENTRE,
      start ? 16 : 12,
    );
    addTiles(m);
    m.on('click', (e: L.LeafletMouseEvent) => pick.current({ lat: round(e.latlng.lat), lng: round(e.latlng.lng) }));
    const shapes = (area.data ?? []).map((g) =>
      L.geoJSON(g as GeoJSON.Geometry, {
        style: { color: '#1f5fa8', weight: 2, fillOpacity: 0.06, dashArray: '6 4' },
        interactive: false,
      }).addTo(m),
    );
    const bounds = shapes.length ? L.featureGroup(shapes).getBounds() : null;
    const fit = () => {
      m.invalidateSize();
      if (current.current) return;
      if (bounds?.isValid()) m.fitBounds(bounds, { padding: [12, 12], animate: false });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element.current);
    map.current = m;
    return () => {
      observer.disconnect();
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // Rebuild only when the area outline arrives (value changes move the marker below).
  }, [areaKey]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
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
      }).addTo(m);
    else marker.current.setLatLng(at);
    if (!m.getBounds().contains(at)) m.setView(at, Math.max(m.getZoom(), 15));
  }, [value?.lat, value?.lng, areaKey]);

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
        map.current?.setView([point.lat, point.lng], 17);
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
