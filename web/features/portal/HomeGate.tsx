// The staff app's home for staff; a person whose only role is resident is sent to the portal instead.
import { Navigate } from 'react-router-dom';
import { useMe } from '../../app/session';
import { HomePage } from '../home/HomePage';
import { isOnlyResident } from './access';

export function HomeGate() {
  const me = useMe();
  if (isOnlyResident(me)) return <Navigate to="/m" replace />;
  return <HomePage />;
}
