import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SetupController } from '../setup/setup.controller';
import { SetupService } from '../setup/setup.service';
import { InvitationEntity } from './invitation.entity';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** Setup of the first lead, invitations, key grants, deactivation and centre settings. */
@Module({
  imports: [TypeOrmModule.forFeature([InvitationEntity])],
  controllers: [SetupController, StaffController],
  providers: [SetupService, StaffService],
})
export class StaffModule {}
